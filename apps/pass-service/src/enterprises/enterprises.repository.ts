import { Injectable } from '@nestjs/common';
import { AppError } from '@app/platform';
import type { EntityManager } from 'typeorm';
import { isConstraintViolation, PgErrorCode } from '../database/pg-error';
import { queryReturning } from '../database/query-returning';

export const ENTERPRISE_STATUSES = ['pending_review', 'active', 'rejected', 'suspended'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

/** An enterprise's immutable identity: what a pass is numbered and signed with. */
export interface EnterpriseRecord {
  id: string;
  creditCode: string;
  name: string;
  divisionCode: string;
  contactName: string;
  contactPhone: string;
  createdAt: Date;
}

interface EnterpriseRow {
  id: string;
  credit_code: string;
  name: string;
  division_code: string;
  contact_name: string;
  contact_phone: string;
  created_at: Date;
}

/** The identity with the review state, which changes: always read from the table, never cached. */
export interface EnterpriseDetails extends EnterpriseRecord {
  seq: string;
  status: EnterpriseStatus;
  statusReason: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
}

export interface EnterpriseFilter {
  status?: EnterpriseStatus;
  /** LIKE prefix of the division code (an official's scope); undefined is nationwide. */
  divisionPrefix?: string;
  /** Items strictly older than this seq (newest first). */
  beforeSeq?: string;
  limit: number;
}

const DETAIL_COLUMNS = `id, credit_code, name, division_code, contact_name, contact_phone, created_at,
  seq::text AS seq, status, status_reason, decided_at, decided_by`;

interface DetailRow extends EnterpriseRow {
  seq: string;
  status: EnterpriseStatus;
  status_reason: string | null;
  decided_at: Date | null;
  decided_by: string | null;
}

const toDetails = (row: DetailRow): EnterpriseDetails => ({
  ...toRecord(row),
  seq: row.seq,
  status: row.status,
  statusReason: row.status_reason,
  decidedAt: row.decided_at,
  decidedBy: row.decided_by,
});

const toRecord = (row: EnterpriseRow): EnterpriseRecord => ({
  id: row.id,
  creditCode: row.credit_code,
  name: row.name,
  divisionCode: row.division_code,
  contactName: row.contact_name,
  contactPhone: row.contact_phone,
  createdAt: row.created_at,
});

/**
 * Bounded: the identity fields a pass needs are immutable, so caching them saves a read per issue.
 * The status is not among them: it changes, and is read (and locked) where it decides something.
 */
const MAX_CACHED = 10_000;

@Injectable()
export class EnterprisesRepository {
  private readonly cache = new Map<string, EnterpriseRecord>();

  async insert(
    manager: EntityManager,
    enterprise: Omit<EnterpriseRecord, 'createdAt'>,
  ): Promise<EnterpriseDetails> {
    try {
      const rows: DetailRow[] = await manager.query(
        `INSERT INTO enterprises (id, credit_code, name, division_code, contact_name, contact_phone)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${DETAIL_COLUMNS}`,
        [
          enterprise.id,
          enterprise.creditCode,
          enterprise.name,
          enterprise.divisionCode,
          enterprise.contactName,
          enterprise.contactPhone,
        ],
      );
      return toDetails(rows[0]);
    } catch (error) {
      if (
        isConstraintViolation(error, PgErrorCode.UNIQUE_VIOLATION, 'enterprises_credit_code_key')
      ) {
        throw AppError.conflict(
          'ENTERPRISE_EXISTS',
          'An enterprise with this credit code is already registered.',
        );
      }
      throw error;
    }
  }

  async findById(manager: EntityManager, id: string): Promise<EnterpriseRecord | undefined> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const rows: EnterpriseRow[] = await manager.query(
      `SELECT id, credit_code, name, division_code, contact_name, contact_phone, created_at
       FROM enterprises WHERE id = $1`,
      [id],
    );
    if (!rows[0]) return undefined;
    const record = toRecord(rows[0]);
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(id, record);
    return record;
  }

  /**
   * The enterprise with its review state if it lies within `divisionPrefix` (undefined:
   * anywhere). `lock` takes the row for a decision (`update`) or holds its state while a pass
   * of it is decided (`share`).
   */
  async findDetails(
    manager: EntityManager,
    id: string,
    divisionPrefix: string | undefined,
    lock?: 'update' | 'share',
  ): Promise<EnterpriseDetails | undefined> {
    const rows: DetailRow[] = await manager.query(
      `SELECT ${DETAIL_COLUMNS} FROM enterprises
       WHERE id = $1 AND ($2::text IS NULL OR division_code LIKE $2 || '%')
       ${lock === 'update' ? 'FOR UPDATE' : lock === 'share' ? 'FOR SHARE' : ''}`,
      [id, divisionPrefix ?? null],
    );
    return rows[0] && toDetails(rows[0]);
  }

  async list(manager: EntityManager, filter: EnterpriseFilter): Promise<EnterpriseDetails[]> {
    const rows: DetailRow[] = await manager.query(
      `SELECT ${DETAIL_COLUMNS} FROM enterprises
       WHERE ($1::text IS NULL OR status = $1)
         AND ($2::text IS NULL OR division_code LIKE $2 || '%')
         AND ($3::bigint IS NULL OR seq < $3)
       ORDER BY seq DESC
       LIMIT $4`,
      [
        filter.status ?? null,
        filter.divisionPrefix ?? null,
        filter.beforeSeq ?? null,
        filter.limit,
      ],
    );
    return rows.map(toDetails);
  }

  /** Records a decision on a row the caller has locked FOR UPDATE. */
  async decide(
    manager: EntityManager,
    id: string,
    status: EnterpriseStatus,
    reason: string | null,
    decidedBy: string,
  ): Promise<EnterpriseDetails> {
    const rows = await queryReturning<DetailRow>(
      manager,
      `UPDATE enterprises SET status = $2, status_reason = $3, decided_at = now(), decided_by = $4
       WHERE id = $1 RETURNING ${DETAIL_COLUMNS}`,
      [id, status, reason, decidedBy],
    );
    if (!rows[0]) throw new Error(`enterprise ${id} vanished while locked`);
    return toDetails(rows[0]);
  }

  /**
   * The current status of each enterprise, held FOR SHARE until the caller's transaction ends:
   * a suspension (FOR UPDATE) then waits for the caller, or the caller sees it. One statement
   * for any number of enterprises, locked in id order so that callers never deadlock on them.
   */
  async lockStatuses(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<Map<string, EnterpriseStatus>> {
    const rows: { id: string; status: EnterpriseStatus }[] = await manager.query(
      `SELECT id, status FROM enterprises WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((row) => [row.id, row.status]));
  }
}
