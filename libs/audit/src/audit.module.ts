import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditLogReader } from './audit-log.reader';
import { AuditTrail } from './audit-trail';

/**
 * The audit trail of a service: the writer for every module, and GET /v1/audit to read it. Its
 * table comes with AuditLog1796428800000, which the service's data source must list.
 */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditTrail, AuditLogReader],
  exports: [AuditTrail],
})
export class AuditModule {}
