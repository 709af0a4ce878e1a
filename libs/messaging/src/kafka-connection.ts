import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Kafka, logLevel, type Admin, type LogEntry } from 'kafkajs';
import { MESSAGING_OPTIONS, type MessagingOptions, type TopicSpec } from './messaging-options';
import { TrackedSockets } from './tracked-sockets';

/** The service's single kafkajs client: nothing outside this lib talks to kafkajs. */
@Injectable()
export class KafkaConnection implements OnApplicationShutdown {
  readonly kafka: Kafka;
  private admin?: { client: Admin; connected: Promise<Admin> };
  private closed = false;
  private readonly sockets = new TrackedSockets();
  private readonly logger = new Logger('Kafka');

  constructor(@Inject(MESSAGING_OPTIONS) readonly options: MessagingOptions) {
    this.kafka = new Kafka({
      clientId: options.serviceName,
      brokers: options.brokers,
      connectionTimeout: 3000,
      requestTimeout: 10000,
      retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.log(entry),
      socketFactory: this.sockets.factory,
    });
  }

  /**
   * One admin for every caller: readiness probes that arrive while Kafka is away must share one
   * pending connect, or each would open a client that nothing ever closes.
   */
  getAdmin(): Promise<Admin> {
    if (!this.admin) {
      const client = this.kafka.admin();
      const connected = this.connectAdmin(client).catch((error: unknown) => {
        if (this.admin?.client === client) this.admin = undefined;
        throw error;
      });
      this.admin = { client, connected };
    }
    return this.admin.connected;
  }

  private async connectAdmin(client: Admin): Promise<Admin> {
    try {
      await client.connect();
    } catch (error) {
      await client.disconnect().catch(() => undefined);
      throw error;
    }
    // Shut down while the connect was still retrying: close what it opened once it is done.
    if (this.closed) {
      await client.disconnect();
      throw new Error('the Kafka connection is shut down');
    }
    return client;
  }

  /** Creates missing topics and grows partition counts, then waits for leaders. */
  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    const admin = await this.getAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.partitions,
          replicationFactor: -1,
        })),
      });
    }
    const present = specs.filter((s) => existing.has(s.topic));
    if (present.length === 0) return;
    const metadata = await admin.fetchTopicMetadata({ topics: present.map((s) => s.topic) });
    const grow = present.filter((s) => {
      const current =
        metadata.topics.find((t) => t.name === String(s.topic))?.partitions.length ?? 0;
      return current < s.partitions;
    });
    if (grow.length) {
      await admin.createPartitions({
        topicPartitions: grow.map((s) => ({ topic: s.topic, count: s.partitions })),
      });
    }
  }

  async ping(): Promise<void> {
    const admin = await this.getAdmin();
    await admin.describeCluster();
  }

  /** After every beforeApplicationShutdown hook, which may still ask Kafka something. */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const admin = this.admin;
    this.admin = undefined;
    await admin?.client.disconnect();
    // By now the consumer has left (onModuleDestroy) and the outbox relay has drained
    // (beforeApplicationShutdown); whatever kafkajs still holds open is closed here, and what
    // a retry opens later is closed as soon as it is made.
    this.sockets.closeAll();
  }

  private log({ level, log }: LogEntry): void {
    const text = `${log.message}${typeof log.error === 'string' ? `: ${log.error}` : ''}`;
    if (level === logLevel.ERROR) this.logger.error(text);
    else if (level === logLevel.WARN) this.logger.warn(text);
  }
}
