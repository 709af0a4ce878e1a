import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import type { EntityManager } from 'typeorm';
import { queryReturning } from '../database/query-returning';
import { divisionPrefixOf } from '../shared/jurisdiction';
import { fromRow, PASS_COLUMNS, type PassRecord, type PassStatus } from './pass.record';

type Row = Parameters<typeof fromRow>[0];

/** What an application adds to the table: the record's own fields before review and issue. */
export type NewPass = Pick<
  PassRecord,
  | 'id'
  | 'enterpriseId'
  | 'issuingDivision'
  | 'plate'
  | 'trailerPlate'
  | 'driverName'
  | 'driverPhone'
  | 'cargoCategory'
  | 'cargoDescription'
  | 'tonnageKg'
  | 'originDivision'
  | 'destinationDivision'
  | 'crossProvince'
  | 'validFrom'
  | 'validUntil'
  | 'requestHash'
> & {
  idempotencyKey: string | null;
  /** Only a renewal names the earlier pass. */
  renewedFrom?: string | null;
};

export interface Issuance {
  passNumber: string;
  token: string;
  kid: string;
}

export interface PassFilter {
  status?: PassStatus;
  plate?: string;
  enterpriseId?: string;
  /** LIKE prefix of the issuing county (an official's scope); undefined is nationwide. */
  divisionPrefix?: string;
  /** Items strictly older than this seq (newest first). */
  beforeSeq?: string;
  limit: number;
}

/**
 * An enterprise only ever sees its own passes; for staff the scope is everything. An enterprise
 * token without an enterprise id (never issued here) gets a scope that matches nothing.
 */
export function scopeOf(user: AuthenticatedUser): string | null {
  return user.role === 'enterprise'
    ? (user.enterpriseId ?? '00000000-0000-0000-0000-000000000000')
    : null;
}

@Injectable()
export class PassesRepository {
  /**
   * An application that waits for review; overlaps and reused keys surface as constraint errors.
   * In the same statement, the plate is registered to the applicant if no one holds it; undefined
   * when another enterprise holds it. ON CONFLICT DO UPDATE (rather than DO NOTHING) returns and
   * locks a holder's row even when a concurrent claim committed it after this statement began,
   * and keeps a transfer from moving the plate before this commits (see PlateClaims).
   */
  async insertPending(manager: EntityManager, pass: NewPass): Promise<PassRecord | undefined> {
    const rows: Row[] = await manager.query(
      `WITH holder AS (
         INSERT INTO vehicles AS v (id, plate, enterprise_id, kind, trailer_plate)
         VALUES (gen_random_uuid(), $3, $2,
           CASE WHEN $16::text IS NULL THEN 'truck' ELSE 'tractor' END, $16)
         ON CONFLICT (plate) DO UPDATE SET enterprise_id = v.enterprise_id
           WHERE v.enterprise_id = EXCLUDED.enterprise_id
         RETURNING v.enterprise_id
       )
       INSERT INTO passes (id, enterprise_id, plate, driver_name, driver_phone, cargo_category,
         cargo_description, tonnage_kg, origin_division, destination_division, cross_province,
         valid_from, valid_until, idempotency_key, request_hash, trailer_plate, issuing_division,
         renewed_from, status)
       SELECT $1::uuid, $2::uuid, $3::text, $4::text, $5::text, $6::text, $7::text, $8::bigint,
         $9::text, $10::text, $11::boolean, $12::timestamptz, $13::timestamptz, $14::text,
         $15::text, $16::text, $17::text, $18::uuid, 'pending_review'
       FROM holder
       RETURNING ${PASS_COLUMNS}`,
      [
        pass.id,
        pass.enterpriseId,
        pass.plate,
        pass.driverName,
        pass.driverPhone,
        pass.cargoCategory,
        pass.cargoDescription,
        pass.tonnageKg,
        pass.originDivision,
        pass.destinationDivision,
        pass.crossProvince,
        pass.validFrom,
        pass.validUntil,
        pass.idempotencyKey,
        pass.requestHash,
        pass.trailerPlate,
        pass.issuingDivision,
        pass.renewedFrom ?? null,
      ],
    );
    return rows[0] && fromRow(rows[0]);
  }

  async findByIdempotencyKey(
    manager: EntityManager,
    enterpriseId: string,
    key: string,
  ): Promise<PassRecord | undefined> {
    const rows: Row[] = await manager.query(
      `SELECT ${PASS_COLUMNS} FROM passes WHERE enterprise_id = $1 AND idempotency_key = $2`,
      [enterpriseId, key],
    );
    return rows[0] && fromRow(rows[0]);
  }

  /**
   * The pass if the user may see it (an enterprise its own, an official those issued in their
   * scope); `forUpdate` locks the row for a state change.
   */
  /** The enterprise a plate is registered to, if any (the vehicles slice owns the table). */
  async plateHolder(manager: EntityManager, plate: string): Promise<string | undefined> {
    const rows: { enterprise_id: string }[] = await manager.query(
      'SELECT enterprise_id FROM vehicles WHERE plate = $1',
      [plate],
    );
    return rows[0]?.enterprise_id;
  }

  async findVisible(
    manager: EntityManager,
    id: string,
    user: AuthenticatedUser,
    forUpdate = false,
  ): Promise<PassRecord | undefined> {
    const rows: Row[] = await manager.query(
      `SELECT ${PASS_COLUMNS} FROM passes
       WHERE id = $1 AND ($2::uuid IS NULL OR enterprise_id = $2)
         AND ($3::text IS NULL OR issuing_division LIKE $3 || '%')
       ${forUpdate ? 'FOR UPDATE' : ''}`,
      [id, scopeOf(user), divisionPrefixOf(user) ?? null],
    );
    return rows[0] && fromRow(rows[0]);
  }

  async list(manager: EntityManager, filter: PassFilter): Promise<PassRecord[]> {
    const rows: Row[] = await manager.query(
      `SELECT ${PASS_COLUMNS} FROM passes
       WHERE ($1::text IS NULL OR status = $1)
         AND ($2::text IS NULL OR plate = $2)
         AND ($3::uuid IS NULL OR enterprise_id = $3)
         AND ($4::bigint IS NULL OR seq < $4)
         AND ($6::text IS NULL OR issuing_division LIKE $6 || '%')
       ORDER BY seq DESC
       LIMIT $5`,
      [
        filter.status ?? null,
        filter.plate ?? null,
        filter.enterpriseId ?? null,
        filter.beforeSeq ?? null,
        filter.limit,
        filter.divisionPrefix ?? null,
      ],
    );
    return rows.map(fromRow);
  }

  async markIssued(
    manager: EntityManager,
    id: string,
    reviewer: string,
    issuance: Issuance,
  ): Promise<PassRecord> {
    const rows = await queryReturning<Row>(
      manager,
      `UPDATE passes SET status = 'issued', pass_number = $2, token = $3, kid = $4,
         issued_at = now(), reviewed_at = now(), reviewed_by = $5
       WHERE id = $1 RETURNING ${PASS_COLUMNS}`,
      [id, issuance.passNumber, issuance.token, issuance.kid, reviewer],
    );
    return fromRow(rows[0]);
  }

  async markRejected(
    manager: EntityManager,
    id: string,
    reviewer: string,
    reason: string,
  ): Promise<PassRecord> {
    const rows = await queryReturning<Row>(
      manager,
      `UPDATE passes SET status = 'rejected', rejection_reason = $2, reviewed_at = now(),
         reviewed_by = $3
       WHERE id = $1 RETURNING ${PASS_COLUMNS}`,
      [id, reason, reviewer],
    );
    return fromRow(rows[0]);
  }

  /** Withdrawn by its enterprise while in review; the caller holds the row FOR UPDATE. */
  async markCancelled(manager: EntityManager, id: string): Promise<PassRecord> {
    const rows = await queryReturning<Row>(
      manager,
      `UPDATE passes SET status = 'cancelled', cancelled_at = now()
       WHERE id = $1 RETURNING ${PASS_COLUMNS}`,
      [id],
    );
    return fromRow(rows[0]);
  }

  async markRevoked(
    manager: EntityManager,
    id: string,
    user: AuthenticatedUser,
    reason: string,
  ): Promise<PassRecord> {
    const rows = await queryReturning<Row>(
      manager,
      `UPDATE passes SET status = 'revoked', revocation_reason = $2, revoked_by_role = $3,
         revoked_by = $4, revoked_at = now()
       WHERE id = $1 RETURNING ${PASS_COLUMNS}`,
      [id, reason, user.role, user.userId],
    );
    return fromRow(rows[0]);
  }

  /**
   * The enterprise's issued passes on a plate that have not expired, locked for revocation: the
   * passes a plate transfer takes away from its holder.
   */
  async findLiveIssuedOnPlate(
    manager: EntityManager,
    enterpriseId: string,
    plate: string,
  ): Promise<PassRecord[]> {
    const rows: Row[] = await manager.query(
      `SELECT ${PASS_COLUMNS} FROM passes
       WHERE plate = $1 AND enterprise_id = $2 AND status = 'issued' AND valid_until > now()
       ORDER BY seq FOR UPDATE`,
      [plate, enterpriseId],
    );
    return rows.map(fromRow);
  }

  /** Rejects the enterprise's applications on a plate that wait for review (a plate transfer). */
  async rejectPendingOnPlate(
    manager: EntityManager,
    enterpriseId: string,
    plate: string,
    reviewer: string,
    reason: string,
  ): Promise<PassRecord[]> {
    const rows = await queryReturning<Row>(
      manager,
      `UPDATE passes SET status = 'rejected', rejection_reason = $3, reviewed_at = now(),
         reviewed_by = $4
       WHERE plate = $1 AND enterprise_id = $2 AND status = 'pending_review'
       RETURNING ${PASS_COLUMNS}`,
      [plate, enterpriseId, reason, reviewer],
    );
    return rows.map(fromRow);
  }

  /**
   * Refuses every application of the enterprise still waiting for review, with the reason (its
   * suspension or rejection); returns what was refused, for the audit trail.
   */
  async rejectPendingOf(
    manager: EntityManager,
    enterpriseId: string,
    reviewer: string,
    reason: string,
  ): Promise<{ id: string; plate: string }[]> {
    return queryReturning<{ id: string; plate: string }>(
      manager,
      `UPDATE passes SET status = 'rejected', rejection_reason = $2, reviewed_at = now(),
         reviewed_by = $3
       WHERE enterprise_id = $1 AND status = 'pending_review' RETURNING id, plate`,
      [enterpriseId, reason, reviewer],
    );
  }

  /** How many of the enterprise's passes are issued and not yet expired. */
  async countLiveIssuedOf(manager: EntityManager, enterpriseId: string): Promise<number> {
    const [row]: { count: string }[] = await manager.query(
      `SELECT count(*)::text AS count FROM passes
       WHERE enterprise_id = $1 AND status = 'issued' AND valid_until > now()`,
      [enterpriseId],
    );
    return Number(row.count);
  }

  /** Up to `limit` of the enterprise's issued, unexpired passes, oldest first, locked FOR UPDATE. */
  async lockLiveIssuedOf(
    manager: EntityManager,
    enterpriseId: string,
    limit: number,
  ): Promise<PassRecord[]> {
    const rows: Row[] = await manager.query(
      `SELECT ${PASS_COLUMNS} FROM passes
       WHERE enterprise_id = $1 AND status = 'issued' AND valid_until > now()
       ORDER BY seq LIMIT $2 FOR UPDATE`,
      [enterpriseId, limit],
    );
    return rows.map(fromRow);
  }

  /**
   * Takes `count` more serials in each county and returns, per county, the last serial now
   * taken. The counters are locked in county order, so two batches cannot deadlock on them, and
   * held until the caller's transaction ends; a rollback undoes the increments, so serials are
   * unique and gap-free. A county that would pass `maxSerial` is left as it is and is missing
   * from the result.
   */
  async reserveSerials(
    manager: EntityManager,
    counts: ReadonlyMap<string, number>,
    maxSerial: number,
  ): Promise<Map<string, number>> {
    const counties = [...counts.keys()].sort();
    const rows: { county: string; last: number }[] = await manager.query(
      `INSERT INTO county_serials (county, last)
       SELECT * FROM unnest($1::char(6)[], $2::int[]) ORDER BY 1
       ON CONFLICT (county) DO UPDATE SET last = county_serials.last + EXCLUDED.last
         WHERE county_serials.last + EXCLUDED.last <= $3
       RETURNING county, last`,
      [counties, counties.map((county) => counts.get(county)), maxSerial],
    );
    return new Map(rows.map((row) => [row.county, row.last]));
  }

  /**
   * Inserts passes that are issued at once, numbered and signed, in one statement. A row that
   * would overlap a live pass or reuse an idempotency key is skipped, not an error, so one
   * refused application does not fail the others; the rows inserted are returned.
   */
  async insertIssued(
    manager: EntityManager,
    passes: readonly (NewPass & Issuance)[],
  ): Promise<PassRecord[]> {
    const column = <T>(pick: (p: NewPass & Issuance) => T) => passes.map(pick);
    const rows: Row[] = await manager.query(
      `INSERT INTO passes (id, enterprise_id, plate, driver_name, driver_phone, cargo_category,
         cargo_description, tonnage_kg, origin_division, destination_division, cross_province,
         valid_from, valid_until, idempotency_key, request_hash, pass_number, token, kid,
         trailer_plate, issuing_division, renewed_from, status, issued_at)
       SELECT *, 'issued', now() FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[],
         $5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[], $10::text[],
         $11::boolean[], $12::timestamptz[], $13::timestamptz[], $14::text[], $15::text[],
         $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::uuid[])
       ON CONFLICT DO NOTHING
       RETURNING ${PASS_COLUMNS}`,
      [
        column((p) => p.id),
        column((p) => p.enterpriseId),
        column((p) => p.plate),
        column((p) => p.driverName),
        column((p) => p.driverPhone),
        column((p) => p.cargoCategory),
        column((p) => p.cargoDescription),
        column((p) => p.tonnageKg),
        column((p) => p.originDivision),
        column((p) => p.destinationDivision),
        column((p) => p.crossProvince),
        column((p) => p.validFrom),
        column((p) => p.validUntil),
        column((p) => p.idempotencyKey),
        column((p) => p.requestHash),
        column((p) => p.passNumber),
        column((p) => p.token),
        column((p) => p.kid),
        column((p) => p.trailerPlate),
        column((p) => p.issuingDivision),
        column((p) => p.renewedFrom ?? null),
      ],
    );
    return rows.map(fromRow);
  }
}
