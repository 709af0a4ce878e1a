import 'reflect-metadata';
import { findPagesDir, runService } from '@app/platform';
import { AppModule } from './app.module';
import { loadPassServiceConfig } from './config/pass-service.config';
import { buildPassServiceDataSource } from './database/pass-service.data-source';

void runService({
  loadConfig: () => loadPassServiceConfig(),
  appModule: (config) => AppModule.register(config),
  dataSource: buildPassServiceDataSource,
  app: {
    pagesDir: findPagesDir('pass-service'),
    title: 'e-Pass pass-service',
    description:
      'Enterprises apply for freight vehicle passes; officials review; passes are issued as signed QR codes.',
  },
});
