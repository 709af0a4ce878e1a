import { Injectable } from '@nestjs/common';
import type { ScanRejectionReason } from '@app/contracts';
import { DataSource } from 'typeorm';
import { type Row } from '@app/database';
import {
  recordedScanFromRow,
  SCAN_COLUMNS,
  scanFromRow,
  sightingFromRow,
  type RecordedScan,
  type SeenPass,
  type StoredScan,
} from './scan.record';
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

@Injectable()
export class ScansRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string): Promise<RecordedScan | undefined> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${SCAN_COLUMNS}, request_hash FROM scans WHERE id = $1`,
      [id],
    );
    return rows[0] && recordedScanFromRow(rows[0]);
  }

  /**
   * The newest accepted scans since a time, oldest first, with their checkpoint's location: what
   * the clone detector remembers across a restart. Scans without a pass number are left out.
   */
  async findRecentAccepted(since: Date, limit: number): Promise<SeenPass[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT s.id, s.pass_number, s.checkpoint_code, s.direction, s.checked_at, c.latitude, c.longitude
         FROM scans s JOIN checkpoints c ON c.code = s.checkpoint_code
         WHERE s.verdict = 'accepted' AND s.checked_at >= $1
         ORDER BY s.checked_at DESC LIMIT $2
       ) newest ORDER BY checked_at`,
      [since, limit],
    );
    return rows.map(sightingFromRow).filter((seen): seen is SeenPass => seen !== null);
  }

  /** Newest first, keyset-paginated on (checked_at, id) so pages stay stable as scans arrive. */
  async find(filter: ScanFilter): Promise<StoredScan[]> {
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
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${SCAN_COLUMNS}
       FROM scans ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY checked_at DESC, id DESC
       LIMIT $${params.length}`,
      params,
    );
    return rows.map(scanFromRow);
  }
}
