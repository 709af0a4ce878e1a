import type { Topic } from '@app/contracts';

export interface TopicSpec {
  topic: Topic;
  partitions: number;
}

export interface MessagingOptions {
  brokers: string[];
  /** The service's name: Kafka client id and the envelope's `producer`. */
  serviceName: string;
  /** Consumer group; each service has its own. Needed only by services that consume. */
  groupId?: string;
  /** Topics created (or grown) at start-up, waiting for their leaders. */
  topics: TopicSpec[];
  /** Publishes this service's outbox to Kafka. */
  relay?: {
    enabled: boolean;
    pollIntervalMs?: number;
    batchSize?: number;
    /**
     * After a wake-up, wait this long (default 10 ms) before reading the outbox, so the events
     * committed meanwhile go in the same produce request. Adds at most this much latency.
     */
    lingerMs?: number;
  };
  consumer?: {
    maxAttempts?: number;
    retryBackoffMs?: number;
    maxBytesPerPartition?: number;
    /** A fetch waits for this many bytes (default 64 KiB)… */
    minFetchBytes?: number;
    /** …or this long (default 100 ms), whichever comes first. */
    maxFetchWaitMs?: number;
  };
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
