import { Injectable, Logger } from '@nestjs/common';
import { parseTopicEvent, type AnyEvent, type EventTopic } from '@app/contracts';
import { KafkaConnection } from './kafka-connection';
import { retryTransient } from './transient-error';

/** Per topic, per partition: an offset (as kafkajs gives it, a decimal string). */
export type TopicOffsets = Map<EventTopic, Map<number, string>>;

export interface ReplayBatchSource {
  topic: EventTopic;
  partition: number;
}

export interface ReplayOptions {
  /** A group of its own, so the replay's progress survives a restart and never moves the live group. */
  groupId: string;
  /** Where to stop: usually the high watermarks captured when the replay began. */
  until: TopicOffsets;
  /** Applies one batch of validated events; offsets are committed only after it resolves. */
  apply: (events: AnyEvent[], source: ReplayBatchSource) => Promise<void>;
}

export interface ReplayResult {
  applied: number;
  /** Messages that fail their contract; the live consumer dead-letters them, a replay skips them. */
  skipped: number;
}

/**
 * Reads topics from the beginning up to fixed end offsets and hands each batch to the caller,
 * for rebuilding state from the log. Delivery is at least once: `apply` must be idempotent.
 */
@Injectable()
export class TopicReplay {
  private readonly log = new Logger('TopicReplay');

  constructor(private readonly connection: KafkaConnection) {}

  /** The high watermark (next offset to be written) of every partition of the topics. */
  async endOffsets(topics: readonly EventTopic[]): Promise<TopicOffsets> {
    const admin = await this.connection.getAdmin();
    const offsets: TopicOffsets = new Map();
    for (const topic of topics) {
      const partitions = await admin.fetchTopicOffsets(topic);
      offsets.set(topic, new Map(partitions.map((p) => [p.partition, p.high])));
    }
    return offsets;
  }

  /** A group's committed offsets; a partition it never committed reads as '-1'. */
  async committedOffsets(groupId: string, topics: readonly EventTopic[]): Promise<TopicOffsets> {
    const admin = await this.connection.getAdmin();
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    return new Map(
      committed.map((t) => [
        t.topic as EventTopic,
        new Map(t.partitions.map((p) => [p.partition, p.offset])),
      ]),
    );
  }

  async replay(options: ReplayOptions): Promise<ReplayResult> {
    const result: ReplayResult = { applied: 0, skipped: 0 };
    const pending = new Set<string>();
    for (const [topic, partitions] of options.until) {
      for (const [partition, end] of partitions)
        if (end !== '0') pending.add(`${topic}:${partition}`);
    }
    if (pending.size === 0) return result;
    const consumer = this.connection.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      allowAutoTopicCreation: false,
    });
    let finish!: () => void;
    let fail!: (error: unknown) => void;
    const done = new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...options.until.keys()], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async (payload) => {
          const { batch } = payload;
          const topic = batch.topic as EventTopic;
          const end = BigInt(options.until.get(topic)?.get(batch.partition) ?? '0');
          const inRange = batch.messages.filter((m) => BigInt(m.offset) < end);
          const events: AnyEvent[] = [];
          for (const message of inRange) {
            const parsed = parseValue(topic, message.value?.toString('utf8'));
            if (parsed) events.push(parsed);
            else result.skipped += 1;
          }
          // The live consumer writes the same rows meanwhile: a deadlock or serialization
          // failure between the two is retried here as it is there.
          if (events.length > 0) {
            try {
              await retryTransient(() =>
                options.apply(events, { topic, partition: batch.partition }),
              );
            } catch (error) {
              fail(error);
              throw error;
            }
          }
          result.applied += events.length;
          const last = inRange.at(-1);
          if (last) {
            const next = (BigInt(last.offset) + 1n).toString();
            await consumer.commitOffsets([{ topic, partition: batch.partition, offset: next }]);
            payload.resolveOffset(last.offset);
          }
          await payload.heartbeat();
          if (BigInt(batch.lastOffset()) + 1n >= end) {
            pending.delete(`${topic}:${batch.partition}`);
            if (pending.size === 0) finish();
          }
        },
      });
      await this.resolveAlreadyDone(options, pending, finish);
      await done;
    } finally {
      await consumer.disconnect().catch((error: unknown) => this.log.warn(String(error)));
    }
    return result;
  }

  /** A partition whose group offset already reached its end (a resumed replay) gets no batch. */
  private async resolveAlreadyDone(
    options: ReplayOptions,
    pending: Set<string>,
    finish: () => void,
  ): Promise<void> {
    const committed = await this.committedOffsets(options.groupId, [...options.until.keys()]);
    for (const [topic, partitions] of options.until) {
      for (const [partition, end] of partitions) {
        const at = committed.get(topic)?.get(partition) ?? '-1';
        if (at !== '-1' && BigInt(at) >= BigInt(end)) pending.delete(`${topic}:${partition}`);
      }
    }
    if (pending.size === 0) finish();
  }
}

function parseValue(topic: EventTopic, value: string | undefined): AnyEvent | undefined {
  try {
    const parsed = parseTopicEvent(topic, JSON.parse(value ?? ''));
    return parsed.ok ? parsed.event : undefined;
  } catch {
    return undefined;
  }
}
