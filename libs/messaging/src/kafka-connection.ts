import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { Kafka, logLevel, type Admin, type LogEntry } from 'kafkajs';
import { MESSAGING_OPTIONS, type MessagingOptions, type TopicSpec } from './messaging-options';

/** The service's single kafkajs client: nothing outside this lib talks to kafkajs. */
@Injectable()
export class KafkaConnection implements BeforeApplicationShutdown {
  readonly kafka: Kafka;
  private admin?: Admin;
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
    });
  }

  async getAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
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

  async beforeApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
    this.admin = undefined;
  }

  private log({ level, log }: LogEntry): void {
    const text = `${log.message}${typeof log.error === 'string' ? `: ${log.error}` : ''}`;
    if (level === logLevel.ERROR) this.logger.error(text);
    else if (level === logLevel.WARN) this.logger.warn(text);
  }
}
