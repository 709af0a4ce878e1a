import { z } from 'zod';

/**
 * What `npm run hostile` reads from its environment, once, here. scripts/hostile.mjs sets the
 * URLs, the database and the admin's credentials; the domain limits default to the services'
 * own defaults and follow the services' variables when the stack was started with others.
 */
const loopbackUrl = z
  .url()
  .refine((url) => /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/.test(url), {
    message:
      'must be a loopback address (127.0.0.0/8, localhost or [::1]): nothing else is attacked',
  });

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  HOSTILE_PASS_URL: loopbackUrl,
  HOSTILE_VERIFY_URL: loopbackUrl,
  HOSTILE_REPORTING_URL: loopbackUrl,
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL'),
  ADMIN_USERNAME: z.string().min(1),
  ADMIN_PASSWORD: z.string().min(1),
  PASS_MAX_VALIDITY_DAYS: positiveInt(30),
  PASS_MAX_START_AHEAD_DAYS: positiveInt(14),
  PASS_MAX_TONNAGE: z
    .string()
    .regex(/^\d+(\.\d{1,3})?$/)
    .default('100'),
  PASS_TIME_ZONE: z.string().default('Asia/Shanghai'),
  LOGIN_MAX_FAILURES_PER_USER: positiveInt(5),
  METRICS_TOKEN: z.string().optional(),
  SCANNED_AT_MAX_AGE_HOURS: positiveInt(168),
  SCANNED_AT_MAX_AHEAD_SECONDS: positiveInt(300),
});

export interface HostileConfig {
  urls: { pass: string; verify: string; reporting: string };
  databaseUrl: string;
  admin: { username: string; password: string };
  /** /metrics's scrape token, when the stack has one. */
  metricsToken?: string;
  limits: {
    maxValidityDays: number;
    maxStartAheadDays: number;
    maxTonnageKg: number;
    timeZone: string;
    loginFailuresPerUser: number;
    /** How far a scan's device time may lie before and after the server's time of the scan. */
    scannedAtMaxAgeMs: number;
    scannedAtMaxAheadMs: number;
  };
}

export function loadHostileConfig(env: NodeJS.ProcessEnv = process.env): HostileConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(
      `hostile: bad environment (scripts/hostile.mjs sets it):\n  ${problems.join('\n  ')}`,
    );
  }
  const e = parsed.data;
  const [tons, decimals = ''] = e.PASS_MAX_TONNAGE.split('.');
  return {
    urls: {
      pass: e.HOSTILE_PASS_URL,
      verify: e.HOSTILE_VERIFY_URL,
      reporting: e.HOSTILE_REPORTING_URL,
    },
    databaseUrl: e.DATABASE_URL,
    admin: { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD },
    metricsToken: e.METRICS_TOKEN || undefined,
    limits: {
      maxValidityDays: e.PASS_MAX_VALIDITY_DAYS,
      maxStartAheadDays: e.PASS_MAX_START_AHEAD_DAYS,
      maxTonnageKg: Number(tons) * 1000 + Number(decimals.padEnd(3, '0')),
      timeZone: e.PASS_TIME_ZONE,
      loginFailuresPerUser: e.LOGIN_MAX_FAILURES_PER_USER,
      scannedAtMaxAgeMs: e.SCANNED_AT_MAX_AGE_HOURS * 3_600_000,
      scannedAtMaxAheadMs: e.SCANNED_AT_MAX_AHEAD_SECONDS * 1000,
    },
  };
}

export interface RunSize {
  /** Mutated requests per operation. */
  casesPerOperation: number;
  /** Mutated requests in flight at once, over all services. */
  concurrency: number;
  /** The whole run stops generating cases after this; an unfinished run fails. */
  deadlineSeconds: number;
}

export const SIZES: Record<'quick' | 'full', RunSize> = {
  quick: { casesPerOperation: 30, concurrency: 12, deadlineSeconds: 240 },
  full: { casesPerOperation: 300, concurrency: 16, deadlineSeconds: 600 },
};

/** `--quick`, `--cases N`, `--concurrency N`, `--seed S` from the command line. */
export function parseArgs(argv: readonly string[]): { size: RunSize; seed: number } {
  const size = { ...SIZES[argv.includes('--quick') ? 'quick' : 'full'] };
  const valueOf = (flag: string): number | undefined => {
    const at = argv.indexOf(flag);
    if (at < 0) return undefined;
    const value = Number(argv[at + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} takes a whole number ≥ 1`);
    return value;
  };
  const cases = valueOf('--cases');
  if (cases !== undefined) size.casesPerOperation = Math.min(cases, 5000);
  const concurrency = valueOf('--concurrency');
  if (concurrency !== undefined) size.concurrency = Math.min(concurrency, 64);
  return { size, seed: valueOf('--seed') ?? Math.floor(Math.random() * 1_000_000) + 1 };
}
