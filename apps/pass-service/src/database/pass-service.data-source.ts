import { AuditLog1796428800000 } from '@app/audit';
import { createServiceDataSource } from '@app/database';
import { MessagingTables1764374400000 } from '@app/messaging';
import type { DataSource } from 'typeorm';
import type { PassServiceConfig } from '../config/pass-service.config';
import { IdentitySessions1796515200000 } from '../identity/identity-sessions.migration';
import { VehiclesAndTransfers1796688000000 } from '../vehicles/vehicles-and-transfers.migration';
import { AttemptCounters1796342400000 } from './attempt-counters.migration';
import { EnterpriseOnboarding1796601600000 } from './enterprise-onboarding.migration';
import { PassServiceSchema1764460800000 } from './pass-service-schema.migration';

/** The service's one DataSource definition, for the app and for the migration CLI alike. */
export function buildPassServiceDataSource(config: PassServiceConfig): DataSource {
  return createServiceDataSource({
    url: config.database.url,
    schema: config.database.schema,
    poolSize: config.database.poolSize,
    applicationName: config.serviceName,
    entities: [],
    migrations: [
      MessagingTables1764374400000,
      PassServiceSchema1764460800000,
      AttemptCounters1796342400000,
      AuditLog1796428800000,
      IdentitySessions1796515200000,
      EnterpriseOnboarding1796601600000,
      VehiclesAndTransfers1796688000000,
    ],
  });
}
