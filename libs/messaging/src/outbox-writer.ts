import { Injectable } from '@nestjs/common';
import { topicOf, type Envelope } from '@app/contracts';
import { DataSource, type EntityManager } from 'typeorm';

/** NOTIFY channels are database-wide, so each service's schema gets its own. */
export function outboxChannelFor(dataSource: DataSource): string {
  const schema = (dataSource.options as { schema?: string }).schema ?? 'public';
  return `${schema}_outbox`;
}

/**
 * Writes events into the outbox together with the caller's own changes: they are published if
 * and only if those changes commit.
 */
@Injectable()
export class OutboxWriter {
  private readonly channel: string;

  constructor(dataSource: DataSource) {
    this.channel = outboxChannelFor(dataSource);
  }

  /** Appends inside the caller's transaction. */
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

  /**
   * Inserts the caller's rows and their events in one statement, which commits or fails as a
   * whole, so no transaction is needed (and none of its extra round trips). `insert` is an
   * `INSERT … RETURNING id` using parameters $1…$n; each event goes in only if the row it names
   * was inserted (a row skipped by ON CONFLICT DO NOTHING brings no event). Ids are matched as
   * PostgreSQL prints them, so a `rowId` must be in that form (a uuid in lower case: normalise it
   * at the edge). Returns the ids of the rows inserted.
   */
  async insertWithEvents(
    queryable: Pick<DataSource, 'query'>,
    insert: { sql: string; params: readonly unknown[] },
    events: readonly { rowId: string; event: Envelope }[],
  ): Promise<Set<string>> {
    const n = insert.params.length;
    const rows: { id: string }[] = await queryable.query(
      `WITH inserted AS (${insert.sql}),
       appended AS (
         INSERT INTO outbox (event_id, topic, key, payload)
         SELECT e.event_id, e.topic, e.key, e.payload
         FROM unnest($${n + 1}::text[], $${n + 2}::uuid[], $${n + 3}::text[], $${n + 4}::text[],
           $${n + 5}::text[]) AS e(row_id, event_id, topic, key, payload)
         JOIN inserted ON inserted.id::text = e.row_id
       )
       -- Evaluated once, and only when a row went in; delivered at commit.
       SELECT inserted.id::text AS id, (SELECT pg_notify($${n + 6}, NULL)) AS notified
       FROM inserted`,
      [
        ...insert.params,
        events.map((e) => e.rowId),
        events.map((e) => e.event.id),
        events.map((e) => topicOf(e.event)),
        events.map((e) => e.event.key),
        events.map((e) => JSON.stringify(e.event)),
        this.channel,
      ],
    );
    return new Set(rows.map((row) => row.id));
  }
}
