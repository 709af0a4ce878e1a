import { Topic } from '@app/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { syntheticPassIssued } from './scenarios';

/**
 * The outbox relay on its own: `total` events committed into pass-service's outbox in one
 * transaction (as its OutboxWriter writes them, NOTIFY included), then timed from the commit
 * until the topic's end offsets have grown by as many. The events are dated 2000-01-03, a day
 * that only this measurement uses.
 */
export async function benchRelay(
  databaseUrl: string,
  brokers: string[],
  enterpriseId: string,
  total: number,
): Promise<{ events: number; seconds: number; perSecond: number }> {
  const kafka = new Kafka({ clientId: 'bench-relay', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const endOffsets = async () =>
    (await admin.fetchTopicOffsets(Topic.Pass)).reduce((sum, p) => sum + Number(p.high), 0);
  const before = await endOffsets();

  const occurredAt = new Date('2000-01-03T04:00:00.000Z');
  const events = Array.from({ length: total }, (_, i) =>
    syntheticPassIssued(i, enterpriseId, occurredAt),
  );
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO pass.outbox (event_id, topic, key, payload)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])`,
      [
        events.map((e) => e.id),
        events.map(() => Topic.Pass),
        events.map((e) => e.key),
        events.map((e) => JSON.stringify(e)),
      ],
    );
    await client.query("SELECT pg_notify('pass_outbox', NULL)");
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  const committedAt = performance.now();
  for (;;) {
    if ((await endOffsets()) - before >= total) break;
    if (performance.now() - committedAt > 120_000) throw new Error('the relay did not publish');
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - committedAt) / 1000;
  await admin.disconnect();
  return { events: total, seconds, perSecond: total / seconds };
}
