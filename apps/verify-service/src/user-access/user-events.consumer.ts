import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { recordUserAccessChanges } from '@app/auth';
import { Topic, type TopicEvent } from '@app/contracts';
import { HandleEvents, type EventBatchContext } from '@app/messaging';

/**
 * `epass.user.v1` into the disabled_users table, in the transaction that records the events as
 * processed. This member sees only its partitions: every replica's guard reads the whole table
 * (DisabledUsers polls it), so the refusal reaches all of them.
 */
@Controller()
export class UserEventsConsumer {
  @HandleEvents(Topic.User)
  async handleUserEvents(
    @Payload() events: TopicEvent<Topic.User>[],
    @Ctx() context: EventBatchContext,
  ): Promise<void> {
    await recordUserAccessChanges(
      context.manager,
      events.map((event) => event.data),
    );
  }
}
