import { z } from 'zod';
import { defineEvent, type EventOf } from '../envelope';
import { isoInstant } from '../fields';
import { Topic } from '../topics';

/**
 * An admin disabled or enabled a user. Every service refuses a disabled user's access tokens,
 * which stay valid by signature until they expire, so each keeps the list of disabled users.
 */
export const UserAccessChangedV1 = defineEvent({
  type: 'user.access-changed',
  version: 1,
  topic: Topic.User,
  data: z.strictObject({
    userId: z.uuid(),
    disabled: z.boolean(),
    /** When the change was made; a consumer keeps the newest state per user. */
    at: isoInstant,
  }),
});
export type UserAccessChangedV1 = EventOf<typeof UserAccessChangedV1>;
