import { AuditLog1796428800000 } from '@app/audit';
import { createServiceDataSource } from '@app/database';
import { MessagingTables1764374400000 } from '@app/messaging';
import type { DataSource } from 'typeorm';
import type { VerifyServiceConfig } from '../config/verify-service.config';
import { DisabledUsers1796774400000 } from '../user-access/disabled-users.migration';
import { ScanClientFields1764633600000 } from './scan-client-fields.migration';
import { ScanRequestHash1796169600000 } from './scan-request-hash.migration';
import { VerifyTables1764547200000 } from './verify-tables.migration';

/** The service's one DataSource definition, for the app and for the migration CLI alike. */
export function buildVerifyServiceDataSource(config: VerifyServiceConfig): DataSource {
  return createServiceDataSource({
    url: config.database.url,
    schema: config.database.schema,
    poolSize: config.database.poolSize,
    applicationName: config.serviceName,
    entities: [],
    migrations: [
      MessagingTables1764374400000,
      VerifyTables1764547200000,
      ScanClientFields1764633600000,
      ScanRequestHash1796169600000,
      AuditLog1796428800000,
      DisabledUsers1796774400000,
    ],
  });
}
