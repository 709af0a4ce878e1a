import { findPagesDir, type ServiceDefinition } from '@app/platform';
import { AppModule } from './app.module';
import { loadVerifyServiceConfig, type VerifyServiceConfig } from './config/verify-service.config';
import { buildVerifyServiceDataSource } from './database/verify-service.data-source';

/** verify-service as main.ts runs it; the tests and the OpenAPI export build it from here too. */
export const verifyServiceDefinition: ServiceDefinition<VerifyServiceConfig> = {
  loadConfig: (env) => loadVerifyServiceConfig(env),
  appModule: (config) => AppModule.register(config),
  dataSource: buildVerifyServiceDataSource,
  app: {
    pagesDir: findPagesDir('verify-service'),
    title: 'e-Pass verify-service',
    description: 'Checkpoints verify pass QR codes locally and record every scan.',
  },
};
