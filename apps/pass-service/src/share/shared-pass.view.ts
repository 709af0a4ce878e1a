import { CARGO_CATEGORIES, formatKgAsTons } from '@app/domain';
import { z } from 'zod';
import { PASS_STATUSES, type PassRecord } from '../passes/pass.record';
import { divisionName } from '../shared/field-schemas';

/**
 * What the driver's page shows, and nothing more. A link can be forwarded, so there is no driver
 * name or phone here (docs/privacy.md), no enterprise contact, no reasons written by staff; and
 * the QR only while the pass is issued: a revoked pass says so and gives nothing to scan.
 */
export const sharedPassViewSchema = z
  .strictObject({
    passNumber: z.string().nullable(),
    status: z.enum(PASS_STATUSES),
    plate: z.string(),
    trailerPlate: z.string().nullable(),
    enterpriseName: z.string(),
    cargoCategory: z.enum(CARGO_CATEGORIES),
    cargoDescription: z.string().nullable(),
    tonnage: z.string().describe('Tons with three decimals, exact.'),
    originDivision: z.string(),
    originName: z.string(),
    destinationDivision: z.string(),
    destinationName: z.string(),
    crossProvince: z.boolean(),
    validFrom: z.iso.datetime(),
    validUntil: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    qr: z
      .strictObject({ token: z.string(), svg: z.string() })
      .nullable()
      .describe('The QR text (what a hardware scanner reads) and its picture; null unless issued.'),
    checkedAt: z.iso
      .datetime()
      .describe('The server time of this answer: how old a copy kept offline is.'),
  })
  .meta({ id: 'SharedPass' });

export type SharedPassView = z.infer<typeof sharedPassViewSchema>;

export function toSharedPassView(
  pass: PassRecord,
  enterpriseName: string,
  qrSvg: string | null,
  now: Date,
): SharedPassView {
  const scannable = pass.status === 'issued' && pass.token !== null && qrSvg !== null;
  return {
    passNumber: pass.passNumber,
    status: pass.status,
    plate: pass.plate,
    trailerPlate: pass.trailerPlate,
    enterpriseName,
    cargoCategory: pass.cargoCategory,
    cargoDescription: pass.cargoDescription,
    tonnage: formatKgAsTons(pass.tonnageKg),
    originDivision: pass.originDivision,
    originName: divisionName(pass.originDivision),
    destinationDivision: pass.destinationDivision,
    destinationName: divisionName(pass.destinationDivision),
    crossProvince: pass.crossProvince,
    validFrom: pass.validFrom.toISOString(),
    validUntil: pass.validUntil.toISOString(),
    revokedAt: pass.revokedAt ? pass.revokedAt.toISOString() : null,
    qr: scannable && pass.token ? { token: pass.token, svg: qrSvg } : null,
    checkedAt: now.toISOString(),
  };
}
