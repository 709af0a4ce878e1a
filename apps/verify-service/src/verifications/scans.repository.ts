import { Injectable } from '@nestjs/common';
import type { ScanRejectionReason } from '@app/contracts';
import { DataSource } from 'typeorm';
import type { ScanCursor } from './verification.dto';

export interface ScanFilter {
  checkpointCode?: string;
  /** Only checkpoints whose division starts with this (an official's jurisdiction). */
  checkpointDivisionPrefix?: string;
  verdict?: 'accepted' | 'rejected';
  reason?: ScanRejectionReason;
  plate?: string;
  passNumber?: string;
  from?: Date;
  to?: Date;
  cursor?: ScanCursor;
  limit: number;
}

export interface ScanRow {
  id: string;
  checkpoint_code: string;
  officer_user_id: string;
  officer_username: string;
  direction: 'entry' | 'exit';
  verdict: 'accepted' | 'rejected';
  reason: ScanRejectionReason | null;
  pass_id: string | null;
  pass_number: string | null;
  plate: string | null;
  observed_plate: string | null;
  tonnage_kg: string | null;
  clone_suspected: boolean;
  leeway_seconds: number;
  checked_at: Date;
}

/** A scan read back to answer a resend: with what identifies the request that recorded it. */
export type RecordedScanRow = ScanRow & { request_hash: string | null };

const SCAN_COLUMNS = `id, checkpoint_code, officer_user_id, officer_username, direction, verdict,
  reason, pass_id, pass_number, plate, observed_plate, tonnage_kg, clone_suspected,
  leeway_seconds, checked_at`;

@Injectable()
export class ScansRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<RecordedScanRow | undefined> {
    return this.dataSource
      .query(`SELECT ${SCAN_COLUMNS}, request_hash FROM scans WHERE id = $1`, [id])
      .then((rows: RecordedScanRow[]) => rows[0]);
  }

  /** Newest first, keyset-paginated on (checked_at, id) so pages stay stable as scans arrive. */
  find(filter: ScanFilter): Promise<ScanRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.checkpointCode) add((p) => `checkpoint_code = ${p}`, filter.checkpointCode);
    if (filter.checkpointDivisionPrefix !== undefined) {
      add(
        (p) =>
          `checkpoint_code IN (SELECT code FROM checkpoints WHERE division_code::text LIKE ${p} || '%')`,
        filter.checkpointDivisionPrefix,
      );
    }
    if (filter.verdict) add((p) => `verdict = ${p}`, filter.verdict);
    if (filter.reason) add((p) => `reason = ${p}`, filter.reason);
    if (filter.plate) add((p) => `plate = ${p}`, filter.plate);
    if (filter.passNumber) add((p) => `pass_number = ${p}`, filter.passNumber);
    if (filter.from) add((p) => `checked_at >= ${p}`, filter.from);
    if (filter.to) add((p) => `checked_at < ${p}`, filter.to);
    if (filter.cursor) {
      params.push(filter.cursor.checkedAt, filter.cursor.id);
      where.push(`(checked_at, id) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(filter.limit);
    return this.dataSource.query(
      `SELECT ${SCAN_COLUMNS}
       FROM scans ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY checked_at DESC, id DESC
       LIMIT $${params.length}`,
      params,
    );
  }
}
