import { baseServiceConfig, loadEnv, serviceEnvShape, type Env } from '@app/config';
import { z } from 'zod';

const envSchema = z.object({
  ...serviceEnvShape(3001),
});

export function loadPassServiceConfig(env: Env = process.env) {
  const parsed = loadEnv(envSchema, env);
  return {
    ...baseServiceConfig('pass-service', 'pass', parsed),
  };
}

export type PassServiceConfig = ReturnType<typeof loadPassServiceConfig>;
