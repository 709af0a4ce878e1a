import { z } from 'zod';
import { defineEvent, type EventOf } from '../envelope';
import {
  cargoCategory,
  creditCode,
  divisionCode,
  kilograms,
  passNumber,
  plainText,
} from '../fields';
import { Topic } from '../topics';

export const SCAN_REJECTION_REASONS = [
  'NOT_A_PASS',
  'SIGNATURE_INVALID',
  'UNKNOWN_KEY',
  'EXPIRED',
  'NOT_YET_VALID',
  'REVOKED',
  'PLATE_MISMATCH',
  'OUTSIDE_ROUTE',
  'TRAILER_MISMATCH',
] as const;
export type ScanRejectionReason = (typeof SCAN_REJECTION_REASONS)[number];

/** One scan at a checkpoint; the pass fields are null when the QR was not a readable, trusted pass. */
export const CheckpointScannedV1 = defineEvent({
  type: 'checkpoint.scanned',
  version: 1,
  topic: Topic.Checkpoint,
  data: z.strictObject({
    scanId: z.uuid(),
    checkpointCode: plainText(50).min(1),
    checkpointDivision: divisionCode,
    direction: z.enum(['entry', 'exit']),
    verdict: z.enum(['accepted', 'rejected']),
    reason: z.enum(SCAN_REJECTION_REASONS).nullable(),
    cloneSuspected: z.boolean(),
    passId: z.uuid().nullable(),
    passNumber: passNumber.nullable(),
    plate: plainText(16).nullable(),
    enterpriseCreditCode: creditCode.nullable(),
    cargoCategory: cargoCategory.nullable(),
    tonnageKg: kilograms.nullable(),
    originDivision: divisionCode.nullable(),
    destinationDivision: divisionCode.nullable(),
  }),
});
export type CheckpointScannedV1 = EventOf<typeof CheckpointScannedV1>;
