import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { isEventTopic, Topic, type AnyEvent, type EventTopic } from '@app/contracts';
import type { Consumer, EachBatchPayload, KafkaMessage, TopicPartitionOffset } from 'kafkajs';
import { decodeBatch } from './decode-batch';
import { isObservable, lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import type { EventBatchContext } from './event-batch-context';
import { EventProducer, type OutgoingMessage } from './event-producer';
import { KafkaConnection } from './kafka-connection';
import { messagingMetrics } from './messaging-metrics';
import { HANDLED_TYPES } from './handle-events.decorator';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging-options';
import { isTransientError } from './transient-error';

/** At most this long between an applied batch and its offset commit. */
const OFFSET_COMMIT_INTERVAL_MS = 1000;

interface Failure {
  event: AnyEvent;
  error: string;
}

/**
 * The consuming side of @nestjs/microservices, on kafkajs batches:
 * validate each envelope → in one transaction record the ids not yet processed and apply
 * those → commit offset + 1. A message that can never be processed goes to the dead-letter
 * topic with its error, so its partition moves on; a database or broker outage is waited out.
 */
@Injectable()
export class KafkaEventServer extends Server implements CustomTransportStrategy, OnModuleDestroy {
  private consumer?: Consumer;
  private readonly log = new Logger('EventConsumer');
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private joined?: Promise<void>;
  private stopping = false;
  /** Offsets whose events are applied and committed in the database, not yet in Kafka. */
  private readonly pendingOffsets = new Map<string, TopicPartitionOffset>();
  private lastOffsetCommitAt = 0;
  private offsetFlush?: NodeJS.Timeout;
  /** The offset commits, one after another; close() waits for the last before disconnecting. */
  private commits: Promise<void> = Promise.resolve();

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly connection: KafkaConnection,
    private readonly producer: EventProducer,
    private readonly dataSource: DataSource,
  ) {
    super();
    this.maxAttempts = options.consumer?.maxAttempts ?? 3;
    this.backoffMs = options.consumer?.retryBackoffMs ?? 200;
  }

  /** Resolves when the consumer has joined its group (or at once when nothing is consumed). */
  whenJoined(): Promise<void> {
    return this.joined ?? Promise.resolve();
  }

  get isConsuming(): boolean {
    return this.consumer !== undefined && !this.stopping;
  }

  listen(callback: () => void): void {
    const topics = [...this.messageHandlers.keys()].filter(isEventTopic);
    if (topics.length === 0) return callback();
    if (!this.options.groupId) throw new Error('MessagingModule needs a groupId to consume');
    const consumer = this.connection.kafka.consumer({
      groupId: this.options.groupId,
      // A crashed member's partitions move to the others after this long without a heartbeat.
      sessionTimeout: 10000,
      heartbeatInterval: 3000,
      maxBytesPerPartition: this.options.consumer?.maxBytesPerPartition ?? 1048576,
      // The broker answers a fetch once it has this much, or after the wait: under load a
      // batch (one transaction, one offset commit) carries many events instead of a few.
      minBytes: this.options.consumer?.minFetchBytes ?? 64 * 1024,
      maxWaitTimeInMs: this.options.consumer?.maxFetchWaitMs ?? 100,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    this.joined = new Promise((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
    );
    // Before partitions move, what this member applied is committed under its generation.
    consumer.on(consumer.events.REBALANCING, () => void this.commitPendingOffsets(consumer));
    void this.startWithRetry(consumer, topics);
    callback();
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  /** Stops consuming first at shutdown: a batch in flight finishes, nothing new starts. */
  async close(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    // A commit the flush timer started may still be retrying (a broker restarting): it ends
    // first, within kafkajs's retries, so none runs on after the service (or a test) has closed.
    if (this.consumer) await this.commitPendingOffsets(this.consumer);
    await this.commits;
    await this.consumer?.disconnect();
  }

  on(): never {
    throw new Error('KafkaEventServer has no events to subscribe to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  /**
   * A broker that is down or still electing leaders at start-up is waited for: the service serves
   * HTTP meanwhile (readiness says Kafka is down) and consumes once it can.
   */
  private async startWithRetry(consumer: Consumer, topics: EventTopic[]): Promise<void> {
    for (let delay = 500; !this.stopping; delay = Math.min(delay * 2, 10000)) {
      try {
        await consumer.connect();
        await consumer.subscribe({ topics, fromBeginning: true });
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: 1,
          eachBatch: (payload) => this.processBatch(consumer, payload),
        });
        return;
      } catch (error) {
        this.log.warn(
          `consumer not started yet (${error instanceof Error ? error.message : String(error)}); retrying in ${delay} ms`,
        );
        await consumer.disconnect().catch(() => undefined);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private async processBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0 || !isEventTopic(batch.topic)) return;
    const topic = batch.topic;
    const decoded = decodeBatch(topic, batch.messages, this.handledTypes(topic));
    const group = this.options.groupId ?? '';
    const timer = messagingMetrics.consumerBatchSeconds.startTimer({ topic, group });
    const failures = await this.applyWithRetry(topic, batch.partition, decoded.events, payload);
    timer();
    if (failures === undefined) return; // shutting down mid-outage: leave the offset for the next owner

    const deadLetters: OutgoingMessage[] = [
      ...decoded.poison.map((p) => this.deadLetter(topic, batch.partition, p.message, p.error)),
      ...failures.map((f) =>
        this.deadLetter(topic, batch.partition, decoded.messageOf.get(f.event.id), f.error),
      ),
    ];
    if (deadLetters.length) {
      await this.producer.send(deadLetters);
      messagingMetrics.deadLettered.inc({ topic }, deadLetters.length);
      this.log.warn(
        `${deadLetters.length} message(s) from ${topic}[${batch.partition}] sent to ${Topic.DeadLetter}`,
      );
    }

    const next = (BigInt(batch.lastOffset()) + 1n).toString();
    this.pendingOffsets.set(`${topic}:${batch.partition}`, {
      topic,
      partition: batch.partition,
      offset: next,
    });
    // Dead letters are committed at once so that a restart does not send them twice.
    if (deadLetters.length || Date.now() - this.lastOffsetCommitAt >= OFFSET_COMMIT_INTERVAL_MS) {
      await this.commitPendingOffsets(consumer);
    } else {
      this.offsetFlush ??= setTimeout(
        () => void this.commitPendingOffsets(consumer),
        OFFSET_COMMIT_INTERVAL_MS,
      );
    }
    payload.resolveOffset(batch.lastOffset());
    messagingMetrics.consumerLag.set(
      { topic, partition: String(batch.partition), group },
      Number(batch.offsetLag()),
    );
    await payload.heartbeat();
  }

  /**
   * Offsets go to Kafka at most once a second per consumer, not once per partition batch: a
   * commit is a write to the broker's offsets log, and under a steady trickle of small batches
   * those writes cost Kafka more than the events. What a crash or a hand-over redelivers was
   * recorded in processed_events with its effect, and is skipped.
   */
  private commitPendingOffsets(consumer: Consumer): Promise<void> {
    clearTimeout(this.offsetFlush);
    this.offsetFlush = undefined;
    const offsets = [...this.pendingOffsets.values()];
    if (offsets.length === 0) return this.commits;
    this.pendingOffsets.clear();
    this.lastOffsetCommitAt = Date.now();
    this.commits = this.commits.then(() =>
      consumer.commitOffsets(offsets).catch((error: unknown) => {
        // Partitions handed to another member mid-commit: it starts from the last committed
        // offset and skips what was already applied.
        this.log.warn(`offset commit failed (${describeError(error)}); the events are recorded`);
      }),
    );
    return this.commits;
  }

  /**
   * Applies the whole batch in one transaction; on failure retries, then isolates the event(s)
   * that keep failing. Returns the events for the dead-letter topic, or undefined when stopping.
   */
  private async applyWithRetry(
    topic: EventTopic,
    partition: number,
    events: AnyEvent[],
    payload: EachBatchPayload,
  ): Promise<Failure[] | undefined> {
    if (events.length === 0) return [];
    const outcome = await this.attempt(
      () => this.applyInTransaction(topic, partition, events),
      payload,
    );
    if (outcome === 'stopped') return undefined;
    if (outcome === true) return [];
    if (events.length === 1) return [{ event: events[0], error: outcome.message }];
    const failures: Failure[] = [];
    for (const event of events) {
      const single = await this.attempt(
        () => this.applyInTransaction(topic, partition, [event]),
        payload,
      );
      if (single === 'stopped') return undefined;
      if (single !== true) failures.push({ event, error: single.message });
    }
    return failures;
  }

  /** true on success; the last error after maxAttempts; 'stopped' if shutdown interrupts a wait. */
  private async attempt(
    work: () => Promise<void>,
    payload: EachBatchPayload,
  ): Promise<true | Error | 'stopped'> {
    let failedAttempts = 0;
    for (let delay = this.backoffMs; ; delay = Math.min(delay * 2, 10000)) {
      try {
        await work();
        return true;
      } catch (error) {
        const err = error instanceof Error ? error : new Error(String(error));
        const transient = isTransientError(err);
        if (!transient) failedAttempts += 1;
        if (failedAttempts >= this.maxAttempts) return err;
        this.log.warn(
          `${transient ? 'transient' : 'handler'} failure, retrying in ${delay} ms: ${err.message}`,
        );
        await new Promise((r) => setTimeout(r, delay));
        if (this.stopping || !payload.isRunning()) return 'stopped';
        await payload.heartbeat().catch(() => undefined);
      }
    }
  }

  private handledTypes(topic: EventTopic): ReadonlySet<string> | undefined {
    const types: unknown = this.getHandlerByPattern(topic)?.extras?.[HANDLED_TYPES];
    return Array.isArray(types) ? new Set(types.map(String)) : undefined;
  }

  private async applyInTransaction(
    topic: EventTopic,
    partition: number,
    events: AnyEvent[],
  ): Promise<void> {
    const handler = this.getHandlerByPattern(topic);
    if (!handler) throw new Error(`No handler for ${topic}`);
    await this.dataSource.transaction(async (manager) => {
      const recorded: { event_id: string }[] = await manager.query(
        `INSERT INTO processed_events (event_id, topic) SELECT unnest($1::uuid[]), $2
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [events.map((e) => e.id), topic],
      );
      const fresh = new Set(recorded.map((r) => r.event_id));
      const todo = events.filter((e) => fresh.delete(e.id));
      messagingMetrics.eventsProcessed.inc(
        { topic, outcome: 'duplicate' },
        events.length - todo.length,
      );
      if (todo.length === 0) return;
      const context: EventBatchContext = { manager, topic, partition };
      const result: unknown = await handler(todo, context);
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      messagingMetrics.eventsProcessed.inc({ topic, outcome: 'applied' }, todo.length);
      const newest = todo.reduce(
        (max, e) => (e.occurredAt > max ? e.occurredAt : max),
        todo[0].occurredAt,
      );
      messagingMetrics.newestEventAppliedAt.set({ topic }, Date.parse(newest) / 1000);
    });
  }

  private deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage | undefined,
    error: string,
  ): OutgoingMessage {
    return {
      topic: Topic.DeadLetter,
      key: message?.key?.toString('utf8') ?? `${topic}:${partition}`,
      value: message?.value?.toString('utf8') ?? '',
      headers: {
        'x-original-topic': topic,
        'x-original-partition': String(partition),
        'x-original-offset': message?.offset ?? '',
        'x-consumer-group': this.options.groupId ?? '',
        'x-error': error.slice(0, 2000),
      },
    };
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
