import { Injectable } from '@nestjs/common';
import { topicOf, type Envelope } from '@app/contracts';
import { DataSource, type EntityManager } from 'typeorm';

/** NOTIFY channels are database-wide, so each service's schema gets its own. */
export function outboxChannelFor(dataSource: DataSource): string {
  const schema = (dataSource.options as { schema?: string }).schema ?? 'public';
  return `${schema}_outbox`;
}

/**
 * Writes events into the outbox inside the caller's transaction: they are published if and
 * only if the caller's own changes commit.
 */
@Injectable()
export class OutboxWriter {
  private readonly channel: string;

  constructor(dataSource: DataSource) {
    this.channel = outboxChannelFor(dataSource);
  }

  async append(manager: EntityManager, events: readonly Envelope[]): Promise<void> {
    if (events.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.append must run inside a transaction');
    }
    // One round trip: the insert runs as part of the statement whether or not it is read. The
    // NOTIFY is delivered at commit, so the relay wakes only for events it can already see.
    await manager.query(
      `WITH appended AS (
         INSERT INTO outbox (event_id, topic, key, payload)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])
       )
       SELECT pg_notify($5, NULL)`,
      [
        events.map((e) => e.id),
        events.map((e) => topicOf(e)),
        events.map((e) => e.key),
        events.map((e) => JSON.stringify(e)),
        this.channel,
      ],
    );
  }
}
