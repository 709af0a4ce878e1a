import { z } from 'zod';
export const NOTICE_TYPES = ['pass.issued', 'pass.rejected', 'pass.revoked'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

/** The status a pass has after the change a notice reports. */
export const STATUS_AFTER: Record<NoticeType, 'issued' | 'rejected' | 'revoked'> = {
  'pass.issued': 'issued',
  'pass.rejected': 'rejected',
  'pass.revoked': 'revoked',
};

/**
 * Where a reader stands in the notices: the (transaction id, sequence) of the last one it has.
 * As text `<tx>-<seq>`, it is the SSE event id and what Last-Event-ID sends back.
 */
export interface NoticeCursor {
  tx: bigint;
  seq: bigint;
}

export const NOTICE_CURSOR_PATTERN = /^(\d{1,20})-(\d{1,19})$/;

export function parseNoticeCursor(text: string): NoticeCursor | undefined {
  const match = NOTICE_CURSOR_PATTERN.exec(text);
  return match ? { tx: BigInt(match[1]), seq: BigInt(match[2]) } : undefined;
}

export const cursorText = (cursor: NoticeCursor): string => `${cursor.tx}-${cursor.seq}`;

export function isAfter(a: NoticeCursor, b: NoticeCursor): boolean {
  return a.tx > b.tx || (a.tx === b.tx && a.seq > b.seq);
}

export interface NoticeRecord {
  cursor: NoticeCursor;
  enterpriseId: string;
  passId: string;
  type: NoticeType;
  passNumber: string | null;
  plate: string | null;
  reason: string | null;
  occurredAt: string;
}

/** What a portal receives: the pass and its new status, never another enterprise's. */
export function toNoticeView(notice: NoticeRecord) {
  return {
    type: notice.type,
    passId: notice.passId,
    status: STATUS_AFTER[notice.type],
    passNumber: notice.passNumber,
    plate: notice.plate,
    reason: notice.reason,
    occurredAt: notice.occurredAt,
  };
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryRecord {
  id: string;
  seq: string;
  eventType: NoticeType;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastUrl: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  responseExcerpt: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** A webhook delivery as the enterprise reads it (component `WebhookDelivery`). */
export const deliveryViewSchema = z
  .strictObject({
    id: z.uuid(),
    eventType: z.enum(NOTICE_TYPES),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: z.iso.datetime().nullable(),
    lastAttemptAt: z.iso.datetime().nullable(),
    lastUrl: z.string().nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    responseExcerpt: z.string().nullable(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

export const deliveryPageSchema = z.strictObject({
  items: z.array(deliveryViewSchema),
  nextCursor: z.string().nullable(),
});

export function toDeliveryView(d: DeliveryRecord): z.infer<typeof deliveryViewSchema> {
  return {
    id: d.id,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? (d.nextAttemptAt?.toISOString() ?? null) : null,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    lastUrl: d.lastUrl,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    responseExcerpt: d.responseExcerpt,
    createdAt: d.createdAt.toISOString(),
    finishedAt: d.finishedAt?.toISOString() ?? null,
  };
}
