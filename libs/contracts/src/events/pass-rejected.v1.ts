import { z } from 'zod';
import { defineEvent, type EventOf } from '../envelope';
import { plainText } from '../fields';
import { Topic } from '../topics';

/**
 * An application refused before it was ever issued: by an official's review, or because its
 * enterprise was rejected, suspended or lost the plate. It carries no pass number (none was
 * allocated) and counts nowhere: checkpoints and reports skip it. It exists so that the
 * enterprise's notices and webhooks are fed from events like the other status changes.
 */
export const PassRejectedV1 = defineEvent({
  type: 'pass.rejected',
  version: 1,
  topic: Topic.Pass,
  data: z.strictObject({
    passId: z.uuid(),
    enterpriseId: z.uuid(),
    plate: plainText(16).min(1),
    reason: plainText(500).min(1),
    rejectedByRole: z.enum(['official', 'admin']),
  }),
});
export type PassRejectedV1 = EventOf<typeof PassRejectedV1>;
