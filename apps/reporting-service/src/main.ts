import 'reflect-metadata';
import { runService } from '@app/platform';
import { AppModule } from './app.module';
import { loadReportingServiceConfig } from './config/reporting-service.config';
import { buildReportingServiceDataSource } from './database/reporting-service.data-source';

void runService({
  loadConfig: () => loadReportingServiceConfig(),
  appModule: (config) => AppModule.register(config),
  dataSource: buildReportingServiceDataSource,
  app: {
    title: 'e-Pass reporting-service',
    description: 'Exact totals of passes and tonnage for logistics officials.',
  },
});
