import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  AUDIT_ACTIONS,
  AUDIT_TARGET_TYPES,
  type AuditAction,
  type AuditTargetType,
} from './audit-entry';

/** One entry as the API shows it. */
export const auditViewSchema = z
  .strictObject({
    id: z.string().describe('Entries are numbered in the order they were written.'),
    at: z.iso.datetime(),
    actor: z.strictObject({ id: z.string().nullable(), name: z.string(), role: z.string() }),
    action: z.enum(AUDIT_ACTIONS),
    target: z.strictObject({ type: z.enum(AUDIT_TARGET_TYPES), id: z.string() }),
    divisionCode: z.string().nullable(),
    reason: z.string().nullable(),
    details: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .nullable(),
    requestId: z.string().nullable().describe('The X-Request-Id of the request that decided it.'),
  })
  .meta({ id: 'AuditEntry' });

export type AuditView = z.infer<typeof auditViewSchema>;

export const auditPageSchema = z.strictObject({
  items: z.array(auditViewSchema),
  nextCursor: z.string().nullable(),
});

export interface AuditFilter {
  action?: AuditAction;
  targetType?: AuditTargetType;
  targetId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  /** Entries with a smaller id than this (newest first). */
  beforeId?: string;
  limit: number;
}

/**
 * Which entries a reader may see: every one, or only those with a division, and among them only
 * the ones starting with `prefix` (null: every division). An entry without a division is nobody's
 * jurisdiction, so only `all` sees it.
 */
export type AuditVisibility = { all: true } | { all: false; prefix: string | null };

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  actor_role: string;
  action: AuditAction;
  target_type: AuditTargetType;
  target_id: string;
  division_code: string | null;
  reason: string | null;
  details: AuditView['details'];
  request_id: string | null;
}

@Injectable()
export class AuditLogReader {
  constructor(private readonly dataSource: DataSource) {}

  async find(filter: AuditFilter, visibility: AuditVisibility): Promise<AuditView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (!visibility.all) {
      where.push('division_code IS NOT NULL');
      // The prefix is digits only (scopePrefix), so it holds no LIKE wildcard.
      if (visibility.prefix !== null)
        add((p) => `division_code LIKE ${p} || '%'`, visibility.prefix);
    }
    if (filter.action) add((p) => `action = ${p}`, filter.action);
    if (filter.targetType) add((p) => `target_type = ${p}`, filter.targetType);
    if (filter.targetId) add((p) => `target_id = ${p}`, filter.targetId);
    if (filter.actorId) add((p) => `actor_id = ${p}::uuid`, filter.actorId);
    if (filter.from) add((p) => `at >= ${p}`, filter.from);
    if (filter.to) add((p) => `at < ${p}`, filter.to);
    if (filter.beforeId) add((p) => `id < ${p}::bigint`, filter.beforeId);
    params.push(filter.limit);
    // By the table's bigint id, not the text alias of the same name ("9" sorts after "19").
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT id::text AS id, at, actor_id, actor_name, actor_role, action, target_type, target_id,
         division_code, reason, details, request_id
       FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY audit_log.id DESC
       LIMIT $${params.length}`,
      params,
    );
    return rows.map(toView);
  }
}

function toView(row: AuditRow): AuditView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { id: row.actor_id, name: row.actor_name, role: row.actor_role },
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    divisionCode: row.division_code,
    reason: row.reason,
    details: row.details,
    requestId: row.request_id,
  };
}
