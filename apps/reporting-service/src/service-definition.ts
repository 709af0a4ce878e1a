import { findPagesDir, type ServiceDefinition } from '@app/platform';
import { AppModule } from './app.module';
import {
  loadReportingServiceConfig,
  type ReportingServiceConfig,
} from './config/reporting-service.config';
import { buildReportingServiceDataSource } from './database/reporting-service.data-source';

/** reporting-service as main.ts runs it; the tests and the OpenAPI export build it from here too. */
export const reportingServiceDefinition: ServiceDefinition<ReportingServiceConfig> = {
  loadConfig: (env) => loadReportingServiceConfig(env),
  appModule: (config) => AppModule.register(config),
  dataSource: buildReportingServiceDataSource,
  app: {
    pagesDir: findPagesDir('reporting-service'),
    title: 'e-Pass reporting-service',
    description: 'Exact totals of passes and tonnage for logistics officials.',
  },
};
