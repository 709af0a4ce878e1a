import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { settleInHalves } from '@app/database';
import { OutboxWriter } from '@app/messaging';
import { AppError } from '@app/platform';
import { DataSource } from 'typeorm';
import { VERIFY_CONFIG, type VerifyModuleConfig } from '../config/verify-service.config';
import type { PendingScan } from './scan';

interface Waiting {
  scan: PendingScan;
  /** True when this scan was stored now; false when its id was already recorded (a resend). */
  resolve: (stored: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit. One durable transaction per scan caps a database near 1,600 commits/s; here the
 * scans that arrive within a few milliseconds share one commit: one statement inserts the scans
 * and their outbox events, in one round trip to the database. Each caller is answered only after
 * that commit: a verdict is never returned unless it was recorded. A batch the database refuses
 * is stored again in halves, so only the scan at fault fails.
 */
@Injectable()
export class ScanWriter implements BeforeApplicationShutdown {
  private readonly log = new Logger('ScanWriter');
  private queue: Waiting[] = [];
  private timer?: NodeJS.Timeout;
  private inFlight = 0;
  private readonly flushes = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(VERIFY_CONFIG) private readonly config: VerifyModuleConfig,
  ) {}

  write(scan: PendingScan): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ scan, resolve, reject });
      this.schedule();
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0 || this.flushes.size > 0) {
      if (this.queue.length > 0) this.startFlush();
      await Promise.allSettled([...this.flushes]);
    }
  }

  private schedule(): void {
    const { maxRows, maxWaitMs, maxInFlight } = this.config.scanBatch;
    if (this.inFlight >= maxInFlight) return; // the flush that finishes picks the queue up
    if (this.queue.length >= maxRows || maxWaitMs === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.startFlush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (this.inFlight < maxInFlight) this.startFlush();
      }, maxWaitMs);
    }
  }

  private startFlush(): void {
    if (this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.config.scanBatch.maxRows);
    this.inFlight += 1;
    const flush = this.flush(batch).finally(() => {
      this.inFlight -= 1;
      this.flushes.delete(flush);
      // Scans that queued up during this commit go at once: that wait was their batching window.
      if (this.queue.length > 0) {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.startFlush();
      }
    });
    this.flushes.add(flush);
  }

  private async flush(batch: Waiting[]): Promise<void> {
    // A scan id twice in one statement would be inserted once but joined to both events: the
    // second goes in the next batch, where it meets the first as a row already recorded.
    const ids = new Set<string>();
    const unique: Waiting[] = [];
    for (const waiting of batch) {
      if (ids.has(waiting.scan.record.id)) this.queue.unshift(waiting);
      else {
        ids.add(waiting.scan.record.id);
        unique.push(waiting);
      }
    }
    // Many officers' scans share a batch: one the database refuses must fail alone.
    const settled = await settleInHalves(unique, async (group) => {
      const stored = await this.store(group.map((w) => w.scan));
      return group.map((w) => stored.has(w.scan.record.id));
    });
    const failed = settled.filter((s) => !s.ok).length;
    if (failed > 0) {
      const error = settled.find((s) => !s.ok)?.error;
      this.log.error(
        `${failed} of ${unique.length} scan(s) not recorded: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    settled.forEach((result, i) =>
      result.ok
        ? unique[i].resolve(result.value)
        : unique[i].reject(
            new AppError(
              503,
              'SCAN_NOT_RECORDED',
              'The scan could not be recorded, so no verdict is given; scan again.',
            ),
          ),
    );
  }

  /**
   * Stores the batch and its events in one statement (atomic, so no transaction and one round
   * trip) and returns the ids that were new. A client-chosen scan id seen before (a resent
   * offline scan) is skipped with its event.
   */
  private store(scans: PendingScan[]): Promise<Set<string>> {
    const rows = scans.map((s) => s.record);
    return this.outbox.insertWithEvents(
      this.dataSource,
      {
        sql: `INSERT INTO scans (id, checkpoint_code, officer_user_id, officer_username, direction,
           verdict, reason, pass_id, pass_number, plate, observed_plate, tonnage_kg,
           clone_suspected, leeway_seconds, checked_at, device_scanned_at, request_hash)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[],
           $6::text[], $7::text[], $8::uuid[], $9::char(12)[], $10::text[], $11::text[],
           $12::bigint[], $13::boolean[], $14::int[], $15::timestamptz[], $16::timestamptz[],
           $17::text[])
         ON CONFLICT (id) DO NOTHING
         RETURNING id`,
        params: [
          rows.map((r) => r.id),
          rows.map((r) => r.checkpointCode),
          rows.map((r) => r.officerUserId),
          rows.map((r) => r.officerUsername),
          rows.map((r) => r.direction),
          rows.map((r) => r.verdict),
          rows.map((r) => r.reason),
          rows.map((r) => r.passId),
          rows.map((r) => r.passNumber),
          rows.map((r) => r.plate),
          rows.map((r) => r.observedPlate),
          rows.map((r) => r.tonnageKg),
          rows.map((r) => r.cloneSuspected),
          rows.map((r) => r.leewaySeconds),
          rows.map((r) => r.checkedAt.toISOString()),
          rows.map((r) => r.deviceScannedAt?.toISOString() ?? null),
          rows.map((r) => r.requestHash),
        ],
      },
      scans.map((s) => ({ rowId: s.record.id, event: s.event })),
    );
  }
}
