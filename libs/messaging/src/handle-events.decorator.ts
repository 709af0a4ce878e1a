import { applyDecorators, Catch, UseFilters, type RpcExceptionFilter } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import type { EventTopic } from '@app/contracts';
import { throwError, type Observable } from 'rxjs';

/** Nest would turn a handler's error into a generic one; the consumer needs the real error. */
@Catch()
class RethrowEventErrors implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

export interface HandleEventsOptions {
  /**
   * The event types the handler uses. Others on the topic are passed over unread: not
   * validated, not recorded as processed, no transaction (only their offsets move on).
   * Omitted: every type.
   */
  types?: readonly string[];
}

/** What the consumer reads back from the handler (Nest keeps it as the handler's `extras`). */
export const HANDLED_TYPES = 'handledTypes';

/**
 * Marks a method as the batch handler of a topic: `(events: TopicEvent<T>[], context: EventBatchContext)`.
 * Events arrive validated and deduplicated; the method applies them through `context.manager`.
 */
export function HandleEvents(
  topic: EventTopic,
  options: HandleEventsOptions = {},
): MethodDecorator {
  return applyDecorators(
    EventPattern(topic, { [HANDLED_TYPES]: options.types }),
    UseFilters(new RethrowEventErrors()),
  );
}
