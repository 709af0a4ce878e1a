import { baseServiceConfig, envFields, loadEnv, serviceEnvShape, type Env } from '@app/config';
import { z } from 'zod';

const timeZone = z
  .string()
  .default('Asia/Shanghai')
  .refine(isKnownTimeZone, 'must be an IANA time zone such as Asia/Shanghai');

const envSchema = z.object({
  ...serviceEnvShape(3003),
  /** Days are counted in this zone: officials read "4月8日" as a local date, not a UTC one. */
  REPORT_TZ: timeZone,
  REPORT_MAX_RANGE_DAYS: envFields.positiveInt(366),
  REPORT_STREAM_DEBOUNCE_MS: envFields.positiveInt(500),
});

export function loadReportingServiceConfig(env: Env = process.env) {
  const parsed = loadEnv(envSchema, env);
  return {
    ...baseServiceConfig('reporting-service', 'reporting', parsed),
    reports: {
      timeZone: parsed.REPORT_TZ,
      maxRangeDays: parsed.REPORT_MAX_RANGE_DAYS,
      streamDebounceMs: parsed.REPORT_STREAM_DEBOUNCE_MS,
    },
  };
}

export type ReportingServiceConfig = ReturnType<typeof loadReportingServiceConfig>;
export type ReportsConfig = ReportingServiceConfig['reports'];

/** The live consumer's group; a rebuild names its own after it. */
export const REPORTING_GROUP_ID = 'reporting-service';

/** Injection token for the `reports` part of the configuration. */
export const REPORTS_CONFIG = Symbol('REPORTS_CONFIG');

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
