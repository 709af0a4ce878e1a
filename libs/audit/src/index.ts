export {
  AUDIT_ACTIONS,
  AUDIT_TARGET_TYPES,
  actorOf,
  type AuditAction,
  type AuditActor,
  type AuditEntry,
  type AuditTargetType,
} from './audit-entry';
export { AuditLog1796428800000 } from './audit-log.migration';
export { AuditTrail } from './audit-trail';
export { AuditController, visibilityOf } from './audit.controller';
export {
  AuditLogReader,
  type AuditFilter,
  type AuditView,
  type AuditVisibility,
} from './audit-log.reader';
export { auditQuery, type AuditQuery } from './audit-query';
export { AuditModule } from './audit.module';
