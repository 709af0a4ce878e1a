import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  PassIssuedV1,
  PassRejectedV1,
  PassRevokedV1,
  Topic,
  type TopicEvent,
} from '@app/contracts';
import { HandleEvents, type EventBatchContext } from '@app/messaging';
import { STATUS_AFTER } from './notice.record';
import { NoticesRepository, type NewDelivery, type NewNotice } from './notices.repository';

type NoticeEvent = PassIssuedV1 | PassRejectedV1 | PassRevokedV1;

/**
 * pass-service reads its own topic back for the enterprises' status notices: each pass.issued,
 * pass.rejected and pass.revoked becomes a notice (what the live streams read) and, when the
 * enterprise has a webhook, a delivery, both in the transaction that records the event as
 * processed, so a crash or a redelivery never loses or doubles either. A webhook gets the
 * changes that happened from when it was set, not older ones (a first start reads the topic
 * from its beginning).
 */
@Controller()
export class PassNoticesConsumer {
  constructor(private readonly notices: NoticesRepository) {}

  @HandleEvents(Topic.Pass, {
    types: [PassIssuedV1.type, PassRejectedV1.type, PassRevokedV1.type],
  })
  async handlePassEvents(
    @Payload() events: TopicEvent<Topic.Pass>[],
    @Ctx() context: EventBatchContext,
  ): Promise<void> {
    const relevant = events.filter(
      (e): e is NoticeEvent =>
        e.type === 'pass.issued' || e.type === 'pass.rejected' || e.type === 'pass.revoked',
    );
    if (relevant.length === 0) return;
    await this.notices.insertNotices(context.manager, relevant.map(noticeOf));
    const webhooks = await this.notices.webhooksOf(context.manager, [
      ...new Set(relevant.map((e) => e.data.enterpriseId)),
    ]);
    if (webhooks.length === 0) return;
    const since = new Map(webhooks.map((w) => [w.enterpriseId, w.createdAt.getTime()]));
    const deliveries: NewDelivery[] = [];
    for (const event of relevant) {
      const from = since.get(event.data.enterpriseId);
      if (from === undefined || Date.parse(event.occurredAt) < from) continue;
      deliveries.push({
        id: event.id,
        enterpriseId: event.data.enterpriseId,
        eventType: event.type,
        payload: JSON.stringify(deliveryBody(event)),
      });
    }
    await this.notices.insertDeliveries(context.manager, deliveries);
  }
}

function noticeOf(event: NoticeEvent): NewNotice {
  const base = {
    eventId: event.id,
    enterpriseId: event.data.enterpriseId,
    passId: event.data.passId,
    type: event.type,
    occurredAt: event.occurredAt,
  };
  switch (event.type) {
    case 'pass.issued':
      return { ...base, passNumber: event.data.passNumber, plate: event.data.plate, reason: null };
    case 'pass.rejected':
      return { ...base, passNumber: null, plate: event.data.plate, reason: event.data.reason };
    case 'pass.revoked':
      return { ...base, passNumber: event.data.passNumber, plate: null, reason: event.data.reason };
  }
}

/**
 * The JSON a webhook receives. `id` is the event's id: the same change is always the same id, so
 * a receiver deduplicates by it (a delivery may arrive more than once).
 */
function deliveryBody(event: NoticeEvent) {
  const notice = noticeOf(event);
  const data: Record<string, unknown> = {
    passId: notice.passId,
    status: STATUS_AFTER[notice.type],
    passNumber: notice.passNumber,
    plate: notice.plate,
    reason: notice.reason,
  };
  if (event.type === 'pass.issued') {
    data.validFrom = event.data.validFrom;
    data.validUntil = event.data.validUntil;
  }
  return { id: event.id, type: event.type, occurredAt: event.occurredAt, data };
}
