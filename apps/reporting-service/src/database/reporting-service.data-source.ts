import { createServiceDataSource } from '@app/database';
import { MessagingTables1764374400000 } from '@app/messaging';
import type { DataSource } from 'typeorm';
import { ReportingAggregates1764460800000 } from '../aggregates/reporting-aggregates.migration';
import type { ReportingServiceConfig } from '../config/reporting-service.config';

/** The service's one DataSource definition, for the app and for the migration CLI alike. */
export function buildReportingServiceDataSource(config: ReportingServiceConfig): DataSource {
  return createServiceDataSource({
    url: config.database.url,
    schema: config.database.schema,
    poolSize: config.database.poolSize,
    applicationName: config.serviceName,
    entities: [],
    migrations: [MessagingTables1764374400000, ReportingAggregates1764460800000],
  });
}
