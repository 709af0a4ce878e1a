import 'reflect-metadata';
import { findPagesDir, runService } from '@app/platform';
import { AppModule } from './app.module';
import { loadVerifyServiceConfig } from './config/verify-service.config';
import { buildVerifyServiceDataSource } from './database/verify-service.data-source';

void runService({
  loadConfig: () => loadVerifyServiceConfig(),
  appModule: (config) => AppModule.register(config),
  dataSource: buildVerifyServiceDataSource,
  app: {
    pagesDir: findPagesDir('verify-service'),
    title: 'e-Pass verify-service',
    description: 'Checkpoints verify pass QR codes locally and record every scan.',
  },
});
