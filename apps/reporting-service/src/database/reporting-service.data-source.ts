import { AuditLog1796428800000 } from '@app/audit';
import { createServiceDataSource } from '@app/database';
import { MessagingTables1764374400000 } from '@app/messaging';
import type { DataSource } from 'typeorm';
import { ReportScopes1796868000000 } from '../aggregates/report-scopes.migration';
import { ReportingAggregates1764460800000 } from '../aggregates/reporting-aggregates.migration';
import { EventArchive1796940000000 } from '../archive/event-archive.migration';
import type { ReportingServiceConfig } from '../config/reporting-service.config';
import { DisabledUsers1796860800000 } from '../user-access/disabled-users.migration';

/** The service's one DataSource definition, for the app and for the migration CLI alike. */
export function buildReportingServiceDataSource(config: ReportingServiceConfig): DataSource {
  return createServiceDataSource({
    url: config.database.url,
    schema: config.database.schema,
    poolSize: config.database.poolSize,
    applicationName: config.serviceName,
    entities: [],
    migrations: [
      MessagingTables1764374400000,
      ReportingAggregates1764460800000,
      AuditLog1796428800000,
      DisabledUsers1796860800000,
      ReportScopes1796868000000,
      EventArchive1796940000000,
    ],
  });
}
