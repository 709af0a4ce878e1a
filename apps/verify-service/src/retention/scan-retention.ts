import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Topic } from '@app/contracts';
import { PeriodicTask } from '@app/platform';
import { DataSource } from 'typeorm';
import { VERIFY_CONFIG, type VerifyModuleConfig } from '../config/verify-service.config';
import { bool, integer, type Row } from '@app/database';

const DAY_MS = 86_400_000;

/**
 * How far an outbox row's created_at (the database's clock, at the insert) may lie after its
 * scan's checked_at (the service's clock, a moment before): far more than any real skew, and it
 * keeps the pending-event check to the few outbox rows old enough to matter.
 */
const CLOCK_MARGIN = '1 day';

export interface PruneResult {
  /** Scans checked before this instant were due. */
  cutoff: Date;
  deleted: number;
  /** True when another replica held the turn, so this one deleted nothing more. */
  yielded: boolean;
}

/**
 * Deletes scans older than SCAN_RETENTION_DAYS, in batches of SCAN_PRUNE_BATCH_ROWS, one
 * transaction each. Replicas take turns under a transaction-level advisory lock (a replica that
 * finds it taken leaves the round to the holder), and rows are claimed with SKIP LOCKED. A scan
 * whose checkpoint.scanned event still waits in the outbox is kept until it is published: the
 * event, not the row, is what reporting-service counts, so totals never depend on the rows.
 */
@Injectable()
export class ScanRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('ScanRetention');
  private readonly lockName: string;
  private readonly rounds = new PeriodicTask('pruning', () => this.round(), this.log);
  /** Set at shutdown: a round in progress stops after its current batch. */
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(VERIFY_CONFIG) private readonly config: Pick<VerifyModuleConfig, 'scanRetention'>,
  ) {
    const schema = (dataSource.options as { schema?: string }).schema ?? 'public';
    this.lockName = `${schema}:scan-retention`;
  }

  onApplicationBootstrap(): void {
    this.rounds.start(this.config.scanRetention.intervalMs);
  }

  onModuleDestroy(): Promise<void> {
    this.stopping = true;
    return this.rounds.stop();
  }

  /**
   * One round: deletes every scan checked before `now` minus the retention period, batch by
   * batch, and returns how many it deleted. `now` is the clock's reading (a test passes its own).
   */
  async prune(now: Date = new Date()): Promise<PruneResult> {
    const { retentionDays, batchRows } = this.config.scanRetention;
    const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
    let deleted = 0;
    while (!this.stopping) {
      const batch = await this.deleteBatch(cutoff, batchRows);
      if (batch === null) return { cutoff, deleted, yielded: true };
      deleted += batch;
      if (batch < batchRows) break;
    }
    return { cutoff, deleted, yielded: false };
  }

  private async round(): Promise<void> {
    const { deleted, cutoff } = await this.prune();
    if (deleted > 0)
      this.log.log(`deleted ${deleted} scan(s) checked before ${cutoff.toISOString()}`);
  }

  /** The number of scans deleted, or null when another replica is pruning. */
  private deleteBatch(cutoff: Date, limit: number): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const [lock] = await manager.query<Row[]>(
        'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
        [this.lockName],
      );
      if (!bool(lock, 'locked')) return null;
      const [deleted] = await manager.query<Row[]>(
        `WITH pending AS (
           SELECT payload::jsonb #>> '{data,scanId}' AS scan_id FROM outbox
           WHERE topic = $2 AND created_at < $1::timestamptz + interval '${CLOCK_MARGIN}'
         ),
         due AS (
           SELECT s.id FROM scans s
           WHERE s.checked_at < $1
             AND NOT EXISTS (SELECT 1 FROM pending p WHERE p.scan_id = s.id::text)
           ORDER BY s.checked_at
           LIMIT $3
           FOR UPDATE OF s SKIP LOCKED
         ),
         deleted AS (DELETE FROM scans WHERE id IN (SELECT id FROM due) RETURNING 1)
         SELECT count(*)::int AS count FROM deleted`,
        [cutoff, Topic.Checkpoint, limit],
      );
      return integer(deleted, 'count');
    });
  }
}
