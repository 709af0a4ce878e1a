import { z } from 'zod';
import { defineEvent, type EventOf } from '../envelope';
import {
  cargoCategory,
  creditCode,
  divisionCode,
  isoInstant,
  kilograms,
  passNumber,
  plainText,
} from '../fields';
import { Topic } from '../topics';

/** Carries the pass's dimensions so consumers can count a revocation without keeping pass state. */
export const PassRevokedV1 = defineEvent({
  type: 'pass.revoked',
  version: 1,
  topic: Topic.Pass,
  data: z.strictObject({
    passId: z.uuid(),
    passNumber,
    reason: plainText(500).min(1),
    revokedByRole: z.enum(['enterprise', 'official', 'admin']),
    enterpriseId: z.uuid(),
    enterpriseCreditCode: creditCode,
    cargoCategory,
    tonnageKg: kilograms,
    originDivision: divisionCode,
    destinationDivision: divisionCode,
    /** The pass's own expiry, so a revocation list can drop the entry once it no longer matters. */
    validUntil: isoInstant,
  }),
});
export type PassRevokedV1 = EventOf<typeof PassRevokedV1>;
