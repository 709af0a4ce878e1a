import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EventProducer } from './event-producer';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging-options';
import { messagingMetrics, setOutboxProbe } from './messaging-metrics';
import { outboxChannelFor } from './outbox-writer';

interface OutboxRow {
  seq: string;
  topic: string;
  key: string;
  payload: string;
}

const DRAIN_TIMEOUT_MS = 5000;

/**
 * Publishes the outbox to Kafka in commit order. One relay per service is active at a time
 * (a session advisory lock), which keeps the order per key; standby replicas wait for the lock.
 * Rows are deleted only after Kafka acknowledged them, so a crash can repeat an event but
 * never lose one; consumers are idempotent by event id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly lingerMs: number;
  private stopping = false;
  private drainDeadline = Infinity;
  private release?: () => void;
  private woken = false;
  private running?: Promise<void>;
  private active = false;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly dataSource: DataSource,
    private readonly producer: EventProducer,
  ) {
    this.pollIntervalMs = options.relay?.pollIntervalMs ?? 1000;
    this.batchSize = options.relay?.batchSize ?? 1000;
    this.lingerMs = options.relay?.lingerMs ?? 10;
  }

  /** True while this replica holds the relay lock. */
  get isActive(): boolean {
    return this.active;
  }

  onApplicationBootstrap(): void {
    if (!this.options.relay?.enabled) return;
    setOutboxProbe(() => this.backlog());
    this.running = this.run();
  }

  /** By the ends of the primary key, so a scrape stays cheap however long the backlog grows. */
  private async backlog(): Promise<{ rows: number; oldestAgeSeconds: number }> {
    const rows: { rows: string | null; age: number | null }[] = await this.dataSource.query(
      `SELECT max(seq) - min(seq) + 1 AS rows,
         extract(epoch FROM now() - (SELECT created_at FROM outbox ORDER BY seq LIMIT 1))::float8 AS age
       FROM outbox`,
    );
    return { rows: Number(rows[0]?.rows ?? 0), oldestAgeSeconds: Math.max(0, rows[0]?.age ?? 0) };
  }

  /** Publishes what is pending (bounded in time) before Kafka and the database close. */
  async beforeApplicationShutdown(): Promise<void> {
    setOutboxProbe(undefined);
    this.stopping = true;
    this.drainDeadline = Date.now() + DRAIN_TIMEOUT_MS;
    this.wake();
    await this.running;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const client = this.newClient();
      try {
        await client.connect();
        if (!(await this.acquireLeadership(client))) continue;
        await client.query(`LISTEN "${outboxChannelFor(this.dataSource)}"`);
        client.on('notification', () => this.wake());
        this.setActive(true);
        this.logger.log('active: publishing the outbox');
        await this.publishUntilStopped(client);
      } catch (error) {
        this.logger.warn(`relay paused: ${describe(error)}; retrying`);
        await this.sleep(1000);
      } finally {
        this.setActive(false);
        client.removeAllListeners('notification');
        await client.end().catch(() => undefined);
      }
    }
  }

  private setActive(active: boolean): void {
    this.active = active;
    messagingMetrics.outboxRelayActive.set(active ? 1 : 0);
  }

  private async acquireLeadership(client: Client): Promise<boolean> {
    const lockName = `${outboxChannelFor(this.dataSource)}:relay`;
    while (!this.stopping) {
      const result = await client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS ok',
        [lockName],
      );
      if (result.rows[0]?.ok) return true;
      await this.sleep(2000);
    }
    return false;
  }

  private async publishUntilStopped(client: Client): Promise<void> {
    for (;;) {
      if (this.stopping && Date.now() > this.drainDeadline) return;
      const published = await this.publishBatch(client);
      if (this.stopping && published === 0) return;
      if (published < this.batchSize) {
        await this.sleep(this.pollIntervalMs);
        // Each produce request and outbox round trip costs about the same for 1 event as for
        // 50: under a steady trickle of commits, a short wait makes batches several times larger.
        if (!this.stopping) await delay(this.lingerMs);
      }
    }
  }

  private async publishBatch(client: Client): Promise<number> {
    const { rows } = await client.query<OutboxRow>(
      'SELECT seq, topic, key, payload FROM outbox ORDER BY seq LIMIT $1',
      [this.batchSize],
    );
    if (rows.length === 0) return 0;
    const timer = messagingMetrics.outboxBatchSeconds.startTimer();
    await this.producer.send(rows.map((r) => ({ topic: r.topic, key: r.key, value: r.payload })));
    await client.query('DELETE FROM outbox WHERE seq = ANY($1::bigint[])', [
      rows.map((r) => r.seq),
    ]);
    timer();
    messagingMetrics.outboxPublished.inc(rows.length);
    return rows.length;
  }

  /** Sleeps until the timeout, a NOTIFY, or shutdown; a wake-up that came while busy is not lost. */
  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.release = undefined;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.release = finish;
    });
  }

  private wake(): void {
    if (this.release) this.release();
    else this.woken = true;
  }

  private newClient(): Client {
    const options = this.dataSource.options as { url?: string; schema?: string };
    const client = new Client({
      connectionString: options.url,
      // The process id tells replicas apart in pg_stat_activity (who holds the relay lock).
      application_name: `${this.options.serviceName}-outbox-relay-${process.pid}`,
      options: `-c search_path=${options.schema ?? 'public'}`,
      connectionTimeoutMillis: 5000,
    });
    // A dropped connection surfaces on the next query; this only keeps the process alive.
    client.on('error', (error) => this.logger.warn(`relay connection lost: ${describe(error)}`));
    return client;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
