import { randomBytes } from 'node:crypto';
import { TrackedSockets } from '@app/messaging';
import { Kafka, logLevel, type Consumer, type IHeaders } from 'kafkajs';
import { TEST_PARTITIONS, testEnv } from './test-env';

export interface ReadMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/**
 * The broker does not create topics on demand, and a suite may read a topic before any service in
 * this run has created it: create it as the services would (TEST_PARTITIONS, as serviceApps sets).
 * Whoever comes second finds it there; a service grows the count if it wants more.
 */
async function ensureTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(topic)) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: TEST_PARTITIONS, replicationFactor: -1 }],
    });
  } finally {
    await admin.disconnect();
  }
}

/** A plain consumer in a throwaway group that collects what a topic holds, to check the wire itself. */
export class TopicReader {
  readonly messages: ReadMessage[] = [];
  private consumer?: Consumer;
  private kafka?: Kafka;
  /** What the reader's consumer opened: a reader that lived through a broker restart can leave one. */
  private readonly sockets = new TrackedSockets();

  constructor(private readonly topic: string) {}

  async start(): Promise<this> {
    const kafka = (this.kafka = new Kafka({
      clientId: 'test-reader',
      brokers: testEnv.kafkaBrokers,
      logLevel: logLevel.NOTHING,
      socketFactory: this.sockets.factory,
    }));
    await ensureTopic(kafka, this.topic);
    this.consumer = kafka.consumer({ groupId: `test-reader-${randomBytes(4).toString('hex')}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: ({ partition, message }) => {
        this.messages.push({
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          value: message.value?.toString('utf8') ?? '',
          headers: headersToStrings(message.headers),
        });
        return Promise.resolve();
      },
    });
    return this;
  }

  /**
   * Resolves once every partition has been read up to its high watermark as of this call:
   * whatever was on the topic then is in `messages`, so a test can assert that something did
   * not arrive without sleeping.
   */
  async caughtUp(timeoutMs = 30_000): Promise<void> {
    const admin = this.kafka?.admin();
    if (!admin) throw new Error('TopicReader not started');
    await admin.connect();
    let ends: { partition: number; high: string }[];
    try {
      ends = await admin.fetchTopicOffsets(this.topic);
    } finally {
      await admin.disconnect();
    }
    const deadline = Date.now() + timeoutMs;
    const readUpTo = (partition: number) =>
      this.messages
        .filter((m) => m.partition === partition)
        .reduce((max, m) => (BigInt(m.offset) + 1n > max ? BigInt(m.offset) + 1n : max), 0n);
    while (ends.some((e) => readUpTo(e.partition) < BigInt(e.high))) {
      if (Date.now() > deadline) throw new Error(`TopicReader: ${this.topic} not read to its end`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    try {
      await this.consumer?.disconnect();
    } finally {
      this.sockets.closeAll();
    }
  }
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]),
  );
}
