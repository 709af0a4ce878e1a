import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { PassRevokedV1, SigningKeyActivatedV1, Topic, type TopicEvent } from '@app/contracts';
import { HandleEvents, type EventBatchContext } from '@app/messaging';
import { RevocationList } from '../revocations/revocation-list';
import { TrustedKeys } from '../trusted-keys/trusted-keys.service';

/**
 * The one handler of `epass.pass.v1` (a topic has one). Events arrive validated and without
 * already-processed ones, inside the transaction that records them as processed, so every
 * write goes through `context.manager`. pass.issued is passed over unread: the QR carries the pass.
 */
/**
 * What checkpoints need from the topic. pass.issued (the QR carries the pass) and pass.rejected
 * (an application never issued) are passed over unread.
 */
export const PASS_EVENT_TYPES = [PassRevokedV1.type, SigningKeyActivatedV1.type] as const;

@Controller()
export class PassEventsConsumer {
  constructor(
    private readonly revocations: RevocationList,
    private readonly trustedKeys: TrustedKeys,
  ) {}

  @HandleEvents(Topic.Pass, { types: PASS_EVENT_TYPES })
  async handlePassEvents(
    @Payload() events: TopicEvent<Topic.Pass>[],
    @Ctx() context: EventBatchContext,
  ): Promise<void> {
    const revoked: PassRevokedV1[] = [];
    const activated: SigningKeyActivatedV1[] = [];
    for (const event of events) {
      if (event.type === PassRevokedV1.type) revoked.push(event);
      else if (event.type === SigningKeyActivatedV1.type) activated.push(event);
    }
    await this.trustedKeys.applyActivations(context.manager, activated);
    await this.revocations.apply(context.manager, revoked);
  }
}
