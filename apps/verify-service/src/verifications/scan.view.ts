import { SCAN_REJECTION_REASONS } from '@app/contracts';
import { formatKgAsTons } from '@app/domain';
import { z } from 'zod';
import type { StoredScan } from './scan.record';

/** One recorded scan as the API lists it; published as the component `Scan`. */
export const scanViewSchema = z
  .strictObject({
    scanId: z.uuid(),
    checkpointCode: z.string(),
    officer: z.strictObject({ userId: z.uuid(), username: z.string() }),
    direction: z.enum(['entry', 'exit']),
    verdict: z.enum(['accepted', 'rejected']),
    reason: z.enum(SCAN_REJECTION_REASONS).nullable(),
    passId: z.uuid().nullable().describe('Only from tokens issued before short tokens.'),
    passNumber: z
      .string()
      .nullable()
      .describe('Null when the QR was not a readable, trusted pass.'),
    plate: z.string().nullable(),
    observedPlate: z.string().nullable().describe('The plate the officer typed, if any.'),
    tonnage: z
      .string()
      .regex(/^\d+\.\d{3}$/)
      .nullable()
      .describe('Tons with three decimals, exact.'),
    cloneSuspected: z.boolean(),
    clockLeewaySeconds: z.number().int().nonnegative(),
    checkedAt: z.iso.datetime(),
  })
  .meta({ id: 'Scan' });
export type ScanView = z.infer<typeof scanViewSchema>;

/** A page of scans, newest first; `nextCursor` asks for the next one. */
export const scanPageSchema = z.strictObject({
  items: z.array(scanViewSchema),
  nextCursor: z.string().nullable(),
});
export type ScanPage = z.infer<typeof scanPageSchema>;

export function toScanView(scan: StoredScan): ScanView {
  return {
    scanId: scan.id,
    checkpointCode: scan.checkpointCode,
    officer: { userId: scan.officerUserId, username: scan.officerUsername },
    direction: scan.direction,
    verdict: scan.verdict,
    reason: scan.reason,
    passId: scan.passId,
    passNumber: scan.passNumber,
    plate: scan.plate,
    observedPlate: scan.observedPlate,
    tonnage: scan.tonnageKg === null ? null : formatKgAsTons(scan.tonnageKg),
    cloneSuspected: scan.cloneSuspected,
    clockLeewaySeconds: scan.leewaySeconds,
    checkedAt: scan.checkedAt.toISOString(),
  };
}
