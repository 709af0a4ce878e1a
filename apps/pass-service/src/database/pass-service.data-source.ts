import { AuditLog1796428800000 } from '@app/audit';
import { createServiceDataSource } from '@app/database';
import { MessagingTables1764374400000 } from '@app/messaging';
import type { DataSource } from 'typeorm';
import type { PassServiceConfig } from '../config/pass-service.config';
import { IdentitySessions1796515200000 } from '../identity/identity-sessions.migration';
import { Notices1796930000000 } from '../notices/notices.migration';
import { RenewAndCancel1796900000000 } from '../passes/renew-and-cancel.migration';
import { VehiclesAndTransfers1796688000000 } from '../vehicles/vehicles-and-transfers.migration';
import { PassBatches1796910000000 } from '../batches/pass-batches.migration';
import { AttemptCounters1796342400000 } from './attempt-counters.migration';
import { EnterpriseOnboarding1796601600000 } from './enterprise-onboarding.migration';
import { PassServiceSchema1764460800000 } from './pass-service-schema.migration';
import { PassShares1796920000000 } from '../share/pass-shares.migration';

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
      RenewAndCancel1796900000000,
      PassBatches1796910000000,
      PassShares1796920000000,
      Notices1796930000000,
    ],
  });
}
