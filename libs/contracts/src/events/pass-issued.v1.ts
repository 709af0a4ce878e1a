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

export const PassIssuedV1 = defineEvent({
  type: 'pass.issued',
  version: 1,
  topic: Topic.Pass,
  data: z.strictObject({
    passId: z.uuid(),
    passNumber,
    plate: plainText(16).min(1),
    enterpriseId: z.uuid(),
    enterpriseCreditCode: creditCode,
    enterpriseName: plainText(200).min(1),
    cargoCategory,
    tonnageKg: kilograms,
    originDivision: divisionCode,
    destinationDivision: divisionCode,
    crossProvince: z.boolean(),
    validFrom: isoInstant,
    validUntil: isoInstant,
    kid: z.string().min(1).max(100),
  }),
});
export type PassIssuedV1 = EventOf<typeof PassIssuedV1>;
