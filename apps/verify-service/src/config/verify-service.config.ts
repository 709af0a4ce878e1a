import { baseServiceConfig, loadEnv, serviceEnvShape, type Env } from '@app/config';
import { z } from 'zod';

const envSchema = z.object({
  ...serviceEnvShape(3002),
});

export function loadVerifyServiceConfig(env: Env = process.env) {
  const parsed = loadEnv(envSchema, env);
  return {
    ...baseServiceConfig('verify-service', 'verify', parsed),
  };
}

export type VerifyServiceConfig = ReturnType<typeof loadVerifyServiceConfig>;
