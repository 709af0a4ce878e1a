import { coded } from '@app/contracts';
import { z } from 'zod';
import { NOTICE_CURSOR_PATTERN } from './notice.record';
import { MAX_WEBHOOK_URL_LENGTH, parseWebhookUrl } from './webhook-address';

export const MIN_WEBHOOK_SECRET_LENGTH = 16;
export const MAX_WEBHOOK_SECRET_LENGTH = 256;

export const setWebhookBody = z.strictObject({
  url: coded(
    'WEBHOOK_URL_INVALID',
    z
      .string()
      .max(MAX_WEBHOOK_URL_LENGTH)
      .transform((input, ctx) => {
        const url = parseWebhookUrl(input.trim());
        if (url) return url.toString();
        ctx.addIssue({ code: 'custom', message: 'not an http(s) URL' });
        return z.NEVER;
      }),
    `an http:// or https:// URL of at most ${MAX_WEBHOOK_URL_LENGTH} characters, without user or password`,
  ),
  secret: coded(
    'WEBHOOK_SECRET_INVALID',
    z
      .string()
      .min(MIN_WEBHOOK_SECRET_LENGTH)
      .max(MAX_WEBHOOK_SECRET_LENGTH)
      .regex(/^[\x21-\x7e]+$/),
    `${MIN_WEBHOOK_SECRET_LENGTH}–${MAX_WEBHOOK_SECRET_LENGTH} printable ASCII characters, no spaces`,
  ),
});
export type SetWebhookBody = z.output<typeof setWebhookBody>;

export const listDeliveriesQuery = z.strictObject({
  cursor: coded(
    'CURSOR_INVALID',
    z.string().regex(/^\d{1,18}$/),
    'a nextCursor from a previous page',
  ).optional(),
  limit: coded(
    'LIMIT_INVALID',
    z.coerce.number().int().min(1).max(200),
    'an integer from 1 to 200',
  ).default(50),
});
export type ListDeliveriesQuery = z.output<typeof listDeliveriesQuery>;

const lastEventId = coded(
  'LAST_EVENT_ID_INVALID',
  z.string().regex(NOTICE_CURSOR_PATTERN),
  'the id of a notice this stream sent',
);

/**
 * AccessTokenFromQueryMiddleware moves `access_token` into the Authorization header (where the
 * guard checks it) but the framework parsed the query before, so it is still here: taken, unused.
 */
export const noticeStreamQuery = z.strictObject({
  lastEventId: lastEventId.optional(),
  access_token: z.string().optional(),
});
export type NoticeStreamQuery = z.output<typeof noticeStreamQuery>;
