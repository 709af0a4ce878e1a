import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { CompressionTypes, Partitioners, type IHeaders, type Producer } from 'kafkajs';
import { KafkaConnection } from './kafka-connection';

export interface OutgoingMessage {
  topic: string;
  key: string;
  value: string;
  headers?: IHeaders;
}

/** Publishes to Kafka with an idempotent producer, so its own retries never duplicate a message. */
@Injectable()
export class EventProducer implements OnApplicationShutdown {
  private producer?: Promise<Producer>;
  private closed = false;

  constructor(private readonly connection: KafkaConnection) {}

  async send(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    const producer = await this.connect();
    try {
      await producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        })),
      });
    } catch (error) {
      // After a broker restart an idempotent producer can be left with sequence numbers the
      // broker no longer accepts (OUT_OF_ORDER_SEQUENCE_NUMBER on every retry). A new producer
      // gets a new producer id and starts over; what it may send twice, consumers drop by id.
      await this.discard();
      throw error;
    }
  }

  private async discard(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    if (producer) await producer.then((p) => p.disconnect()).catch(() => undefined);
  }

  /**
   * After every beforeApplicationShutdown hook: the outbox relay drains through this producer
   * then, and a producer it opened after an earlier disconnect would stay open for good.
   */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.discard();
  }

  private connect(): Promise<Producer> {
    if (this.closed) return Promise.reject(new Error('the event producer is shut down'));
    if (!this.producer) {
      // The partitioner is set explicitly: murmur2 on the key, as the Java client, keeps a pass on one partition.
      const producer = this.connection.kafka.producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      this.producer = producer.connect().then(
        () => producer,
        (error: unknown) => {
          this.producer = undefined;
          throw error;
        },
      );
    }
    return this.producer;
  }
}
