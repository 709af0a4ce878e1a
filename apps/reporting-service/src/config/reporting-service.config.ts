import { baseServiceConfig, loadEnv, serviceEnvShape, type Env } from '@app/config';
import { z } from 'zod';

const envSchema = z.object({
  ...serviceEnvShape(3003),
});

export function loadReportingServiceConfig(env: Env = process.env) {
  const parsed = loadEnv(envSchema, env);
  return {
    ...baseServiceConfig('reporting-service', 'reporting', parsed),
  };
}

export type ReportingServiceConfig = ReturnType<typeof loadReportingServiceConfig>;
