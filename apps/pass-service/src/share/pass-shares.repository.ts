import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryReturning } from '../database/query-returning';
import { fromRow, PASS_COLUMNS, type PassRecord } from '../passes/pass.record';

type PassRow = Parameters<typeof fromRow>[0];

export interface PassShare {
  passId: string;
  createdAt: Date;
}

/** The links of `pass_shares`: one per pass, kept as the secret's SHA-256 only. */
@Injectable()
export class PassSharesRepository {
  /**
   * The pass's link is now this one: a previous link is overwritten in the same statement, so it
   * stops working when this commits. `replaced` tells whether there was one.
   */
  async replace(
    manager: EntityManager,
    passId: string,
    secretHash: Buffer,
    createdBy: string,
  ): Promise<PassShare & { replaced: boolean }> {
    const rows: { created_at: Date; replaced: boolean }[] = await manager.query(
      `INSERT INTO pass_shares AS s (pass_id, secret_hash, created_by)
       VALUES ($1, $2, $3)
       ON CONFLICT (pass_id) DO UPDATE
         SET secret_hash = EXCLUDED.secret_hash, created_by = EXCLUDED.created_by,
             created_at = now()
       RETURNING s.created_at, (s.xmax <> 0) AS replaced`,
      [passId, secretHash, createdBy],
    );
    return { passId, createdAt: rows[0].created_at, replaced: rows[0].replaced };
  }

  /** Deletes the pass's link; whether there was one. */
  async withdraw(manager: EntityManager, passId: string): Promise<boolean> {
    const rows = await queryReturning<{ pass_id: string }>(
      manager,
      'DELETE FROM pass_shares WHERE pass_id = $1 RETURNING pass_id',
      [passId],
    );
    return rows.length > 0;
  }

  async findForPass(manager: EntityManager, passId: string): Promise<PassShare | undefined> {
    const rows: { created_at: Date }[] = await manager.query(
      'SELECT created_at FROM pass_shares WHERE pass_id = $1',
      [passId],
    );
    return rows[0] && { passId, createdAt: rows[0].created_at };
  }

  /**
   * The pass a secret opens, while the pass is valid: one unique-index probe on the hash (the
   * secret itself is never compared, so there is nothing to time), then the pass by its key.
   */
  async findLivePass(manager: EntityManager, secretHash: Buffer): Promise<PassRecord | undefined> {
    const rows: PassRow[] = await manager.query(
      `SELECT ${PASS_COLUMNS} FROM passes
       WHERE id = (SELECT pass_id FROM pass_shares WHERE secret_hash = $1)
         AND valid_until > now()`,
      [secretHash],
    );
    return rows[0] && fromRow(rows[0]);
  }
}
