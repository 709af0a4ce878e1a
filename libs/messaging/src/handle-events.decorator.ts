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

/**
 * Marks a method as the batch handler of a topic: `(events: TopicEvent<T>[], context: EventBatchContext)`.
 * Events arrive validated and deduplicated; the method applies them through `context.manager`.
 */
export function HandleEvents(topic: EventTopic): MethodDecorator {
  return applyDecorators(EventPattern(topic), UseFilters(new RethrowEventErrors()));
}
