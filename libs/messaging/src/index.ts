export { MessagingModule } from './messaging.module';
export { type MessagingOptions, type TopicSpec } from './messaging-options';
export { KafkaConnection } from './kafka-connection';
export { TrackedSockets } from './tracked-sockets';
export { EventProducer, type OutgoingMessage } from './event-producer';
export { OutboxWriter } from './outbox-writer';
export { OutboxRelay } from './outbox-relay';
export { KafkaEventServer } from './kafka-event.server';
export {
  TopicReplay,
  type ReplayBatchSource,
  type ReplayOptions,
  type ReplayResult,
  type TopicOffsets,
} from './topic-replay';
export { HandleEvents } from './handle-events.decorator';
export { type EventBatchContext, type EventBatchHandler } from './event-batch-context';
export { MessagingTables1764374400000 } from './messaging-tables.migration';
export { messagingMetrics } from './messaging-metrics';
export { isTransientError, retryTransient } from './transient-error';
