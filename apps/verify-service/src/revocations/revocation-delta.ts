import { z } from 'zod';

const instant = z.iso.datetime();

/** One revoked pass; published as the component `Revocation`. */
export const revocationEntrySchema = z
  .strictObject({
    passId: z.uuid(),
    passNumber: z.string().describe('12 digits: what a pass token carries.'),
    validUntil: instant.describe('The end of the pass: the entry may be dropped after it.'),
    version: z
      .number()
      .int()
      .nonnegative()
      .describe('The list version at which the pass was revoked.'),
  })
  .meta({ id: 'Revocation' });
export type RevocationEntry = z.infer<typeof revocationEntrySchema>;

/** The changes to the revocation list since a version; published as `RevocationDelta`. */
export const revocationDeltaSchema = z
  .strictObject({
    version: z.number().int().nonnegative().describe('Ask with `since` set to this next time.'),
    revoked: z.array(revocationEntrySchema).describe('Revoked after `since`, in version order.'),
    removedBefore: instant
      .optional()
      .describe(
        'Entries whose validUntil is before this instant were pruned: a scanner may drop them too.',
      ),
  })
  .meta({ id: 'RevocationDelta' });
export type RevocationDelta = z.infer<typeof revocationDeltaSchema>;
