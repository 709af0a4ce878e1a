import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { instant, nullableInstant, type Row } from '@app/database';
import { REVOCATION_COLUMNS, revocationFromRow, type RevocationRecord } from './revocation.record';

export interface NewRevocation {
  passId: string;
  passNumber: string;
  validUntil: Date;
  revokedAt: Date;
}

@Injectable()
export class RevocationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Returns the rows it added (a pass revoked twice keeps its first version). Writers take one
   * lock first, so versions commit in order: a reader that sees version N has seen every
   * version below it, and "changes since N" never skips one.
   */
  async insert(manager: EntityManager, revocations: NewRevocation[]): Promise<RevocationRecord[]> {
    if (revocations.length === 0) return [];
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('verify.revocations'))`);
    const rows: Row[] = await manager.query(
      `INSERT INTO revocations (pass_id, pass_number, valid_until, revoked_at)
       SELECT * FROM unnest($1::uuid[], $2::char(12)[], $3::timestamptz[], $4::timestamptz[])
       ON CONFLICT (pass_id) DO NOTHING
       RETURNING ${REVOCATION_COLUMNS}`,
      [
        revocations.map((r) => r.passId),
        revocations.map((r) => r.passNumber),
        revocations.map((r) => r.validUntil.toISOString()),
        revocations.map((r) => r.revokedAt.toISOString()),
      ],
    );
    return rows.map(revocationFromRow);
  }

  async findSince(version: number): Promise<RevocationRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${REVOCATION_COLUMNS} FROM revocations WHERE version > $1 ORDER BY version`,
      [version],
    );
    return rows.map(revocationFromRow);
  }

  /** Deletes entries whose pass can no longer be accepted anyway; returns the horizon used. */
  async prune(graceSeconds: number): Promise<Date> {
    return this.dataSource.transaction(async (manager) => {
      const [row]: Row[] = await manager.query(
        `SELECT now() - make_interval(secs => $1) AS horizon`,
        [graceSeconds],
      );
      const horizon = instant(row, 'horizon');
      await manager.query('DELETE FROM revocations WHERE valid_until < $1', [horizon]);
      await manager.query('UPDATE revocation_list_state SET pruned_before = $1', [horizon]);
      return horizon;
    });
  }

  async prunedBefore(): Promise<Date | null> {
    const rows: Row[] = await this.dataSource.query(
      'SELECT pruned_before FROM revocation_list_state',
    );
    return rows[0] ? nullableInstant(rows[0], 'pruned_before') : null;
  }
}
