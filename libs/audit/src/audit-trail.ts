import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditEntry } from './audit-entry';

/**
 * Appends to the audit trail through the caller's transaction manager, so an entry exists
 * exactly when the change it describes was committed.
 */
@Injectable()
export class AuditTrail {
  async record(manager: EntityManager, ...entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO audit_log (actor_id, actor_name, actor_role, action, target_type, target_id,
         division_code, reason, details, request_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
         $7::text[], $8::text[], $9::jsonb[], $10::text[])`,
      [
        entries.map((e) => e.actor.id),
        entries.map((e) => e.actor.name),
        entries.map((e) => e.actor.role),
        entries.map((e) => e.action),
        entries.map((e) => e.target.type),
        entries.map((e) => e.target.id),
        entries.map((e) => e.divisionCode),
        entries.map((e) => e.reason ?? null),
        entries.map((e) => (e.details ? JSON.stringify(e.details) : null)),
        entries.map((e) => e.actor.requestId ?? null),
      ],
    );
  }
}
