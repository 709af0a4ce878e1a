import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface RevocationRow {
  pass_id: string;
  pass_number: string;
  valid_until: Date;
  /** bigint arrives as a string; versions stay far below 2^53. */
  version: string;
}

export interface NewRevocation {
  passId: string;
  passNumber: string;
  validUntil: Date;
  revokedAt: Date;
}

const COLUMNS = 'pass_id, pass_number, valid_until, version';

@Injectable()
export class RevocationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Returns the rows it added (a pass revoked twice keeps its first version). Writers take one
   * lock first, so versions commit in order: a reader that sees version N has seen every
   * version below it, and "changes since N" never skips one.
   */
  async insert(manager: EntityManager, revocations: NewRevocation[]): Promise<RevocationRow[]> {
    if (revocations.length === 0) return [];
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('verify.revocations'))`);
    return manager.query(
      `INSERT INTO revocations (pass_id, pass_number, valid_until, revoked_at)
       SELECT * FROM unnest($1::uuid[], $2::char(12)[], $3::timestamptz[], $4::timestamptz[])
       ON CONFLICT (pass_id) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        revocations.map((r) => r.passId),
        revocations.map((r) => r.passNumber),
        revocations.map((r) => r.validUntil.toISOString()),
        revocations.map((r) => r.revokedAt.toISOString()),
      ],
    );
  }

  findSince(version: number): Promise<RevocationRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM revocations WHERE version > $1 ORDER BY version`,
      [version],
    );
  }

  /** Deletes entries whose pass can no longer be accepted anyway; returns the horizon used. */
  async prune(graceSeconds: number): Promise<Date> {
    return this.dataSource.transaction(async (manager) => {
      const [{ horizon }]: { horizon: Date }[] = await manager.query(
        `SELECT now() - make_interval(secs => $1) AS horizon`,
        [graceSeconds],
      );
      await manager.query('DELETE FROM revocations WHERE valid_until < $1', [horizon]);
      await manager.query('UPDATE revocation_list_state SET pruned_before = $1', [horizon]);
      return horizon;
    });
  }

  async prunedBefore(): Promise<Date | null> {
    const rows: { pruned_before: Date | null }[] = await this.dataSource.query(
      'SELECT pruned_before FROM revocation_list_state',
    );
    return rows[0]?.pruned_before ?? null;
  }
}
