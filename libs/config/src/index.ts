export { ConfigError, loadEnv, type Env } from './load-config';
export * as envFields from './env-fields';
export { serviceEnvShape, baseServiceConfig, type BaseServiceConfig } from './service-env';
