import { z } from 'zod';
import type { WebhookRow } from './notices.repository';

export const webhookViewSchema = z
  .strictObject({
    url: z.string(),
    createdAt: z.iso.datetime().describe('Changes from this instant on are delivered.'),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Webhook' });

export type WebhookView = z.infer<typeof webhookViewSchema>;

/** The secret is never shown again once set. */
export const toWebhookView = (row: WebhookRow): WebhookView => ({
  url: row.url,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
