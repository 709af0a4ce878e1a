import { Counter, Gauge } from 'prom-client';

/** Messaging metrics, registered once per process in the default registry that /metrics serves. */
export const messagingMetrics = {
  outboxRelayActive: new Gauge({
    name: 'epass_outbox_relay_active',
    help: '1 while this process holds the outbox relay lock and publishes, else 0',
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
    help: 'Messages behind the partition high watermark after the last batch',
    labelNames: ['topic', 'partition'] as const,
  }),
  newestEventAppliedAt: new Gauge({
    name: 'epass_consumer_newest_event_timestamp_seconds',
    help: 'occurredAt of the newest event applied, by topic',
    labelNames: ['topic'] as const,
  }),
};
