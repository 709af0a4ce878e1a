import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PeriodicTask } from '@app/platform';
import { DataSource } from 'typeorm';

export interface AttemptLimit {
  limit: number;
  windowSeconds: number;
}

export interface AttemptBucket extends AttemptLimit {
  /** Built by the caller from bounded, normalised parts; never longer than 512 bytes. */
  key: string;
}

export interface Refusal {
  /** The position, in the buckets given to `count`, of the one that refused the attempt. */
  bucket: number;
  retryAfterSeconds: number;
}

/** How often each replica deletes the rows of ended windows (a spray of usernames leaves many). */
const PRUNE_INTERVAL_MS = 60_000;
const PRUNE_BATCH = 10_000;

/**
 * Attempt counters in PostgreSQL, so that every replica counts the same attempts. An attempt is
 * counted before the work it guards (checking a password, hashing one), in one atomic statement:
 * N requests sent at once get the counts 1..N, and only those within the limit go ahead.
 */
@Injectable()
export class AttemptCounters implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pruning = new PeriodicTask(
    'pruning attempt counters',
    () => this.pruneExpired(),
    new Logger(AttemptCounters.name),
  );

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.pruning.start(PRUNE_INTERVAL_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.pruning.stop();
  }

  /**
   * Counts one attempt in each bucket in turn and stops at the first one over its limit: a later
   * bucket is neither charged nor created for an attempt an earlier one refuses. So a guesser
   * stopped at its own address does not use up the owner's budget, and an address over its limit
   * cannot add rows with made-up usernames. Buckets are always locked in the order given, so
   * concurrent attempts cannot deadlock. Returns the refusing bucket, if any.
   */
  async count(buckets: readonly AttemptBucket[]): Promise<Refusal | undefined> {
    const rows: { step: number; over: boolean; retry_after: number }[] =
      await this.dataSource.manager.query(
        countStatement(buckets.length),
        buckets.flatMap((b) => [b.key, b.windowSeconds, b.limit]),
      );
    const refused = rows.find((row) => row.over);
    return refused && { bucket: refused.step, retryAfterSeconds: Math.max(1, refused.retry_after) };
  }

  /**
   * Takes back an attempt that went well: its buckets lose it, and the `reset` ones start from
   * zero. Rows are locked in the order given, the same order `count` used.
   */
  async release(buckets: readonly { key: string; reset: boolean }[]): Promise<void> {
    await this.dataSource.manager.query(
      `WITH locked AS (
         SELECT c.bucket, k.reset
         FROM unnest($1::text[], $2::boolean[]) WITH ORDINALITY AS k (bucket, reset, n)
         JOIN attempt_counters c ON c.bucket = k.bucket
         WHERE c.expires_at > now()
         ORDER BY k.n
         FOR UPDATE OF c
       )
       UPDATE attempt_counters c
       SET attempts = CASE WHEN locked.reset THEN 0 ELSE greatest(c.attempts - 1, 0) END
       FROM locked
       WHERE c.bucket = locked.bucket`,
      [buckets.map((b) => b.key), buckets.map((b) => b.reset)],
    );
  }

  /** Deletes the rows of ended windows; rows an attempt holds right now are left for next time. */
  async pruneExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const [{ deleted }]: { deleted: number }[] = await this.dataSource.manager.query(
        `WITH gone AS (
           DELETE FROM attempt_counters WHERE bucket IN (
             SELECT bucket FROM attempt_counters WHERE expires_at < now()
             LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED)
           RETURNING 1)
         SELECT count(*)::int AS deleted FROM gone`,
      );
      total += deleted;
      if (deleted < PRUNE_BATCH) return total;
    }
  }
}

/**
 * One INSERT ... ON CONFLICT per bucket, chained in CTEs: step i runs only when step i-1 came
 * back within its limit. A window that has ended starts again at 1 with a new end.
 */
function countStatement(buckets: number): string {
  const steps = Array.from({ length: buckets }, (_, i) => {
    const [key, window, limit] = [1, 2, 3].map((n) => `$${3 * i + n}`);
    const afterPrevious = i === 0 ? '' : `WHERE NOT (SELECT over FROM s${i - 1})`;
    return `s${i} AS (
      INSERT INTO attempt_counters AS c (bucket, attempts, expires_at)
      SELECT ${key}::text, 1, now() + ${window}::int * interval '1 second' ${afterPrevious}
      ON CONFLICT (bucket) DO UPDATE SET
        attempts = CASE WHEN c.expires_at <= now() THEN 1 ELSE c.attempts + 1 END,
        expires_at = CASE WHEN c.expires_at <= now() THEN excluded.expires_at ELSE c.expires_at END
      RETURNING ${i} AS step, attempts > ${limit}::int AS over,
        ceil(extract(epoch FROM expires_at - now()))::int AS retry_after
    )`;
  });
  const results = steps.map((_, i) => `SELECT step, over, retry_after FROM s${i}`);
  return `WITH ${steps.join(',\n')}\n${results.join(' UNION ALL ')} ORDER BY step`;
}

/** "40 seconds", "15 minutes": for messages a person reads. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
