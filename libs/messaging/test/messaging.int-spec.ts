import { Controller, Module, type DynamicModule } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topic, type TopicEvent } from '@app/contracts';
import { createServiceDataSource, DatabaseModule, ensureDatabase } from '@app/database';
import {
  EventProducer,
  HandleEvents,
  KafkaConnection,
  KafkaEventServer,
  MessagingModule,
  MessagingTables1764374400000,
  OutboxWriter,
  type EventBatchContext,
} from '@app/messaging';
import { createServiceApp, PlatformModule } from '@app/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { samplePassIssued } from '../../../test/support/sample-events';
import {
  dropSchema,
  kafkaBroker,
  testEnv,
  uniqueName,
  waitFor,
  withPg,
} from '../../../test/support/test-env';
import { TopicReader } from '../../../test/support/topic-reader';

const POISON_PLATE = '豫Z99999';

class EffectsTable1764374400001 implements MigrationInterface {
  name = 'EffectsTable1764374400001';
  async up(queryRunner: QueryRunner): Promise<void> {
    // No unique constraint on purpose: a double application must show up as two rows.
    await queryRunner.query('CREATE TABLE effects (event_id uuid NOT NULL, pass_id uuid NOT NULL)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE effects');
  }
}

@Controller()
class RecordingConsumer {
  @HandleEvents(Topic.Pass)
  async handlePassEvents(
    @Payload() events: TopicEvent<Topic.Pass>[],
    @Ctx() context: EventBatchContext,
  ): Promise<void> {
    const issued = events.filter((e) => e.type === 'pass.issued');
    if (issued.some((e) => e.data.plate === POISON_PLATE))
      throw new Error('this handler always fails for the poison plate');
    await context.manager.query(
      'INSERT INTO effects (event_id, pass_id) SELECT unnest($1::uuid[]), unnest($2::uuid[])',
      [issued.map((e) => e.id), issued.map((e) => e.data.passId)],
    );
  }
}

@Module({})
class MessagingTestModule {
  static register(schema: string, groupId: string): DynamicModule {
    return {
      module: MessagingTestModule,
      imports: [
        PlatformModule.forRoot({ serviceName: 'messaging-test', logLevel: 'warn' }),
        DatabaseModule.forRoot({
          runMigrations: true,
          dataSource: createServiceDataSource({
            url: testEnv.databaseUrl,
            schema,
            applicationName: 'messaging-test',
            entities: [],
            migrations: [MessagingTables1764374400000, EffectsTable1764374400001],
          }),
        }),
        MessagingModule.forRoot({
          brokers: testEnv.kafkaBrokers,
          serviceName: 'messaging-test',
          groupId,
          topics: [{ topic: Topic.Pass, partitions: 3 }],
          relay: { enabled: true, pollIntervalMs: 200 },
          consumer: { maxAttempts: 2, retryBackoffMs: 50 },
        }),
      ],
      controllers: [RecordingConsumer],
    };
  }
}

describe('messaging against the real Kafka and PostgreSQL', () => {
  const schema = uniqueName('msg_test');
  const groupId = uniqueName('messaging-test');
  let app: NestFastifyApplication;
  let reader: TopicReader;

  async function startApp(): Promise<NestFastifyApplication> {
    const started = await createServiceApp(MessagingTestModule.register(schema, groupId), {
      title: 'test',
      description: 'test',
    });
    await started.get(KafkaEventServer).whenJoined();
    return started;
  }

  async function countEffects(ids: string[]): Promise<Map<string, number>> {
    const { rows } = await withPg((c) =>
      c.query<{ event_id: string; n: string }>(
        `SELECT event_id, count(*) AS n FROM "${schema}".effects WHERE event_id = ANY($1::uuid[]) GROUP BY event_id`,
        [ids],
      ),
    );
    return new Map(rows.map((r) => [r.event_id, Number(r.n)]));
  }

  async function writeInTransaction(
    events: ReturnType<typeof samplePassIssued>[],
    rollback = false,
  ): Promise<void> {
    const dataSource = app.get(DataSource);
    const outbox = app.get(OutboxWriter);
    await dataSource
      .transaction(async (manager) => {
        await outbox.append(manager, events);
        if (rollback) throw new Error('roll back on purpose');
      })
      .catch((error: Error) => {
        if (!rollback) throw error;
      });
  }

  beforeAll(async () => {
    await ensureDatabase(testEnv.databaseUrl);
    app = await startApp();
    reader = await new TopicReader(Topic.Pass).start();
  });

  afterAll(async () => {
    await reader?.stop();
    await app?.close();
    await dropSchema(schema);
  });

  it('publishes nothing for a transaction that rolls back', async () => {
    const rolledBack = samplePassIssued();
    const committed = samplePassIssued();
    await writeInTransaction([rolledBack], true);
    await writeInTransaction([committed]);
    await waitFor(
      () => reader.messages.some((m) => m.value.includes(committed.id)),
      'the committed event on the topic',
    );
    // Anything written before the committed event was published with it or earlier, maybe to
    // another partition: read every partition to its end before looking for it.
    await reader.caughtUp();
    expect(reader.messages.some((m) => m.value.includes(rolledBack.id))).toBe(false);
  });

  it('keeps publishing and consuming after the database drops every connection', async () => {
    // What a PostgreSQL restart does to a running service: the relay's LISTEN connection and
    // every pooled connection are terminated, and all of them must come back by themselves.
    const terminated = await withPg((c) =>
      c.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND application_name LIKE 'messaging-test%'`,
      ),
    );
    expect(terminated.rowCount).toBeGreaterThanOrEqual(2); // at least the relay and one pooled
    const events = Array.from({ length: 20 }, () => samplePassIssued());
    // A pooled connection may be handed out before its termination is noticed; a failed write
    // rolled back, so writing again is safe.
    await waitFor(
      () => writeInTransaction(events).then(() => true),
      'a write after the connections were dropped',
    );
    const ids = new Set(events.map((e) => e.id));
    await waitFor(
      () => reader.messages.filter((m) => ids.has(idOf(m.value))).length >= 20,
      'the 20 events on the topic',
      60000,
    );
    const counts = await waitFor(
      async () => {
        const c = await countEffects([...ids]);
        return c.size === 20 ? c : undefined;
      },
      'the consumer to apply the 20 events',
      60000,
    );
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  }, 120000);

  it('loses nothing while the broker is down: 1,000 events arrive exactly once, in order per key', async () => {
    const keys = Array.from({ length: 50 }, () => samplePassIssued().data.passId);
    const written = new Map<string, string[]>(keys.map((k) => [k, []]));
    const all: string[] = [];
    kafkaBroker('stop');
    try {
      for (let tx = 0; tx < 100; tx += 1) {
        const events = Array.from({ length: 10 }, (_, i) => {
          const key = keys[(tx * 10 + i) % keys.length];
          const event = samplePassIssued({ passId: key }, key);
          written.get(key)?.push(event.id);
          all.push(event.id);
          return event;
        });
        await writeInTransaction(events);
      }
      const pending = await withPg((c) =>
        c.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".outbox`),
      );
      expect(Number(pending.rows[0].n)).toBe(1000);
    } finally {
      kafkaBroker('start');
    }

    const ids = new Set(all);
    await waitFor(
      () => reader.messages.filter((m) => ids.has(idOf(m.value))).length >= 1000,
      '1,000 events on the topic after the broker came back',
      90000,
    );
    const seen = reader.messages.filter((m) => ids.has(idOf(m.value)));
    expect(seen).toHaveLength(1000);
    expect(new Set(seen.map((m) => idOf(m.value))).size).toBe(1000);
    for (const [key, order] of written) {
      const onTopic = seen.filter((m) => m.key === key);
      expect(new Set(onTopic.map((m) => m.partition)).size).toBe(1);
      expect(onTopic.map((m) => idOf(m.value))).toEqual(order);
    }

    const effects = await waitFor(
      async () => {
        const counts = await countEffects(all);
        return counts.size === 1000 ? counts : undefined;
      },
      'the consumer to apply all 1,000 events',
      90000,
    );
    expect([...effects.values()].every((n) => n === 1)).toBe(true);
  }, 180000);

  it('applies each event once across redelivery and a replay from offset 0', async () => {
    const producer = app.get(EventProducer);
    const events = Array.from({ length: 20 }, () => samplePassIssued());
    const messages = events.map((e) => ({
      topic: Topic.Pass,
      key: e.key,
      value: JSON.stringify(e),
    }));
    await producer.send([...messages, ...messages.slice(0, 10)]); // ten delivered twice
    await waitFor(
      async () => (await countEffects(events.map((e) => e.id))).size === 20,
      'the 20 events applied',
    );

    // The state after a crash between the database commit and the offset commit: the effects
    // are stored but the group's offsets point back to the start.
    await app.close();
    const admin = await new KafkaConnectionProbe().admin();
    await admin.resetOffsets({ groupId, topic: Topic.Pass, earliest: true });
    await admin.disconnect();
    app = await startApp();

    await waitFor(
      async () => {
        const a = await new KafkaConnectionProbe().admin();
        try {
          const [committed, latest] = await Promise.all([
            a.fetchOffsets({ groupId, topics: [Topic.Pass] }),
            a.fetchTopicOffsets(Topic.Pass),
          ]);
          return latest.every(
            (p) =>
              committed[0].partitions.find((c) => c.partition === p.partition)?.offset === p.high,
          );
        } finally {
          await a.disconnect();
        }
      },
      'the replay to catch up to the end of the topic',
      60000,
    );

    const counts = await countEffects(events.map((e) => e.id));
    expect(counts.size).toBe(20);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  }, 120000);

  it('sends poison messages to the dead-letter topic and keeps consuming the partition', async () => {
    const key = samplePassIssued().data.passId;
    const poisonEvent = samplePassIssued({ plate: POISON_PLATE, passId: key }, key);
    const goodEvent = samplePassIssued({ passId: key }, key);
    const deadLetters = await new TopicReader(Topic.DeadLetter).start();
    try {
      await app.get(EventProducer).send([
        { topic: Topic.Pass, key, value: 'this is not JSON' },
        {
          topic: Topic.Pass,
          key,
          value: JSON.stringify({ id: 'not-a-uuid', type: 'pass.issued' }),
        },
        { topic: Topic.Pass, key, value: JSON.stringify(poisonEvent) },
        { topic: Topic.Pass, key, value: JSON.stringify(goodEvent) },
      ]);
      await waitFor(
        async () => (await countEffects([goodEvent.id])).get(goodEvent.id) === 1,
        'the good event after the poison',
      );
      const mine = await waitFor(() => {
        const found = deadLetters.messages.filter((m) => m.key === key);
        return found.length >= 3 ? found : undefined;
      }, 'three dead letters');
      expect(mine).toHaveLength(3);
      expect(mine.map((m) => m.headers['x-error'])).toEqual([
        'value is not JSON',
        expect.stringContaining('envelope'),
        'this handler always fails for the poison plate',
      ]);
      expect(
        mine.every(
          (m) =>
            m.headers['x-original-topic'] === String(Topic.Pass) &&
            m.headers['x-consumer-group'] === groupId,
        ),
      ).toBe(true);
      expect((await countEffects([poisonEvent.id])).size).toBe(0);
    } finally {
      await deadLetters.stop();
    }
  }, 60000);
});

function idOf(value: string): string {
  try {
    return (JSON.parse(value) as { id?: string }).id ?? '';
  } catch {
    return '';
  }
}

/** Admin access outside the app under test, as an operator would have. */
class KafkaConnectionProbe {
  async admin() {
    const connection = new KafkaConnection({
      brokers: testEnv.kafkaBrokers,
      serviceName: 'test-admin',
      topics: [],
    });
    const admin = connection.kafka.admin();
    await admin.connect();
    return admin;
  }
}
