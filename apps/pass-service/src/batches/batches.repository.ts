import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryReturning } from '../database/query-returning';
import type { BatchRecord, BatchRowResult, NewBatch } from './batch.record';

const BATCH_COLUMNS = `id, enterprise_id AS "enterpriseId", file_sha256 AS "fileSha256",
  file_name AS "fileName", file_kind AS "fileKind", headers, row_count AS "rowCount", status,
  created_at AS "createdAt", finished_at AS "finishedAt"`;

interface RowOfResult {
  row: number;
  status: BatchRowResult['status'];
  passId: string | null;
  passNumber: string | null;
  errors: BatchRowResult['errors'] | null;
  cells: string[];
}

@Injectable()
export class BatchesRepository {
  /**
   * Starts a batch, or finds that this enterprise already uploaded the same bytes: the unique
   * (enterprise, SHA-256) decides, also between two uploads at the same instant.
   */
  async start(
    manager: EntityManager,
    batch: NewBatch,
  ): Promise<{ created: boolean; batch: BatchRecord }> {
    const inserted = await queryReturning<BatchRecord>(
      manager,
      `INSERT INTO pass_batches (id, enterprise_id, file_sha256, file_name, file_kind, headers,
         row_count, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, 'running', $8)
       ON CONFLICT ON CONSTRAINT pass_batches_enterprise_file DO NOTHING
       RETURNING ${BATCH_COLUMNS}`,
      [
        batch.id,
        batch.enterpriseId,
        batch.fileSha256,
        batch.fileName,
        batch.fileKind,
        JSON.stringify(batch.headers),
        batch.rowCount,
        batch.createdBy,
      ],
    );
    if (inserted[0]) return { created: true, batch: inserted[0] };
    const existing = await this.findByFile(manager, batch.enterpriseId, batch.fileSha256);
    if (!existing) throw new Error('pass batch vanished between its conflict and its read');
    return { created: false, batch: existing };
  }

  async findByFile(
    manager: EntityManager,
    enterpriseId: string,
    fileSha256: string,
  ): Promise<BatchRecord | undefined> {
    const rows: BatchRecord[] = await manager.query(
      `SELECT ${BATCH_COLUMNS} FROM pass_batches WHERE enterprise_id = $1 AND file_sha256 = $2`,
      [enterpriseId, fileSha256],
    );
    return rows[0];
  }

  /** Only the owner's: another enterprise's id is simply not found. */
  async findOwned(
    manager: EntityManager,
    id: string,
    enterpriseId: string,
  ): Promise<BatchRecord | undefined> {
    const rows: BatchRecord[] = await manager.query(
      `SELECT ${BATCH_COLUMNS} FROM pass_batches WHERE id = $1 AND enterprise_id = $2`,
      [id, enterpriseId],
    );
    return rows[0];
  }

  /**
   * Takes over a batch whose run stopped (its process died): the per-row idempotency keys make
   * running it again safe. True for exactly one caller per stale batch.
   */
  async claimStale(manager: EntityManager, id: string, staleSeconds: number): Promise<boolean> {
    const rows = await queryReturning<{ id: string }>(
      manager,
      `UPDATE pass_batches SET claimed_at = now()
       WHERE id = $1 AND status = 'running' AND claimed_at < now() - make_interval(secs => $2)
       RETURNING id`,
      [id, staleSeconds],
    );
    return rows.length === 1;
  }

  /** Keeps a running batch's claim fresh, so that nobody takes it over while it runs. */
  async touch(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE pass_batches SET claimed_at = now() WHERE id = $1`, [id]);
  }

  /**
   * The rows' outcomes and the end of the batch, in the caller's transaction: the batch as
   * finished, or undefined when another run of it (a takeover) finished first; its rows stand.
   */
  async finish(
    manager: EntityManager,
    id: string,
    rows: readonly BatchRowResult[],
  ): Promise<BatchRecord | undefined> {
    const done = await queryReturning<BatchRecord>(
      manager,
      `UPDATE pass_batches SET status = 'done', finished_at = now()
       WHERE id = $1 AND status = 'running' RETURNING ${BATCH_COLUMNS}`,
      [id],
    );
    if (!done[0]) return undefined;
    await manager.query(
      `INSERT INTO pass_batch_rows (batch_id, row_number, status, pass_id, pass_number, errors, cells)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[])`,
      [
        id,
        rows.map((r) => r.row),
        rows.map((r) => r.status),
        rows.map((r) => r.passId ?? null),
        rows.map((r) => r.passNumber ?? null),
        rows.map((r) => (r.errors ? JSON.stringify(r.errors) : null)),
        rows.map((r) => JSON.stringify(r.cells)),
      ],
    );
    return done[0];
  }

  async rows(manager: EntityManager, id: string): Promise<BatchRowResult[]> {
    const rows: RowOfResult[] = await manager.query(
      `SELECT row_number AS row, status, pass_id AS "passId", pass_number AS "passNumber", errors, cells
       FROM pass_batch_rows WHERE batch_id = $1 ORDER BY row_number`,
      [id],
    );
    return rows.map((r) => ({
      row: r.row,
      status: r.status,
      ...(r.passId ? { passId: r.passId } : {}),
      ...(r.passNumber ? { passNumber: r.passNumber } : {}),
      ...(r.errors ? { errors: r.errors } : {}),
      cells: r.cells,
    }));
  }
}
