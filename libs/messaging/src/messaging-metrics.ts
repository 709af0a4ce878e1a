import { Counter, Gauge, Histogram } from 'prom-client';

/** Batch durations from a few ms (a small group commit) to tens of seconds (a Kafka outage). */
const BATCH_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** What the outbox holds now; read when /metrics is scraped, from the service's own table. */
export interface OutboxBacklog {
  rows: number;
  oldestAgeSeconds: number;
}
let outboxProbe: (() => Promise<OutboxBacklog>) | undefined;

/** The relay of this process tells the metrics how to read its outbox. */
export function setOutboxProbe(probe: (() => Promise<OutboxBacklog>) | undefined): void {
  outboxProbe = probe;
}

async function readOutbox(): Promise<OutboxBacklog | undefined> {
  try {
    return await outboxProbe?.();
  } catch {
    return undefined; // the database is down: the gauges keep their last values
  }
}

/** Messaging metrics, registered once per process in the default registry that /metrics serves. */
export const messagingMetrics = {
  outboxRelayActive: new Gauge({
    name: 'epass_outbox_relay_active',
    help: '1 while this process holds the outbox relay lock and publishes, else 0',
  }),
  outboxBacklog: new Gauge({
    name: 'epass_outbox_backlog',
    help: 'Events in the outbox not yet acknowledged by Kafka (read at scrape time)',
    async collect() {
      const backlog = await readOutbox();
      if (backlog) this.set(backlog.rows);
    },
  }),
  outboxOldestAge: new Gauge({
    name: 'epass_outbox_oldest_age_seconds',
    help: 'Age of the oldest event waiting in the outbox, 0 when it is empty (read at scrape time)',
    async collect() {
      const backlog = await readOutbox();
      if (backlog) this.set(backlog.oldestAgeSeconds);
    },
  }),
  outboxBatchSeconds: new Histogram({
    name: 'epass_outbox_publish_batch_seconds',
    help: 'Time to publish one outbox batch to Kafka and delete it',
    buckets: BATCH_SECONDS,
  }),
  consumerBatchSeconds: new Histogram({
    name: 'epass_consumer_batch_seconds',
    help: 'Time to apply one consumed batch (transaction included), by topic and consumer group',
    labelNames: ['topic', 'group'] as const,
    buckets: BATCH_SECONDS,
  }),
  outboxPublished: new Counter({
    name: 'epass_outbox_published_total',
    help: 'Events the outbox relay published to Kafka',
  }),
  eventsProcessed: new Counter({
    name: 'epass_consumer_events_total',
    help: 'Events a consumer handled, by topic and outcome',
    labelNames: ['topic', 'outcome'] as const,
  }),
  deadLettered: new Counter({
    name: 'epass_dead_letter_total',
    help: 'Messages sent to the dead-letter topic, by source topic',
    labelNames: ['topic'] as const,
  }),
  consumerLag: new Gauge({
    name: 'epass_consumer_lag',
    help: 'Messages behind the partition high watermark after the last batch, by consumer group',
    labelNames: ['topic', 'partition', 'group'] as const,
  }),
  newestEventAppliedAt: new Gauge({
    name: 'epass_consumer_newest_event_timestamp_seconds',
    help: 'occurredAt of the newest event applied, by topic',
    labelNames: ['topic'] as const,
  }),
};
