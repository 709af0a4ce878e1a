import type { EventTopic, TopicEvent } from '@app/contracts';
import type { EntityManager } from 'typeorm';

/** What a batch handler gets besides its events: the transaction its effects must use. */
export interface EventBatchContext {
  /** The transaction in which the events are also recorded as processed. Use it for every write. */
  manager: EntityManager;
  topic: EventTopic;
  partition: number;
}

export type EventBatchHandler<T extends EventTopic> = (
  events: TopicEvent<T>[],
  context: EventBatchContext,
) => Promise<void>;
