import { CARGO_CATEGORIES, formatKgAsTons, maskPhone } from '@app/domain';
import { z } from 'zod';
import { divisionName } from '../shared/field-schemas';
import { PASS_STATUSES, type PassRecord } from './pass.record';

const instant = z.iso.datetime();

/** A pass as the API shows it; the OpenAPI description publishes this schema (component `Pass`). */
export const passViewSchema = z
  .strictObject({
    id: z.uuid(),
    passNumber: z.string().nullable().describe('12 digits, once issued'),
    status: z.enum(PASS_STATUSES),
    enterpriseId: z.uuid(),
    plate: z.string(),
    trailerPlate: z.string().nullable().describe("The trailer's plate, for a tractor pulling one."),
    driverName: z.string(),
    driverPhone: z.string().describe('Masked (139****5678) unless the caller may read it in full.'),
    cargoCategory: z.enum(CARGO_CATEGORIES),
    cargoDescription: z.string().nullable(),
    tonnage: z.string().describe('Tons with three decimals, exact.'),
    tonnageKg: z.number().int(),
    originDivision: z.string(),
    originName: z.string(),
    destinationDivision: z.string(),
    destinationName: z.string(),
    crossProvince: z.boolean(),
    validFrom: instant,
    validUntil: instant,
    rejectionReason: z.string().nullable(),
    revocationReason: z.string().nullable(),
    kid: z.string().nullable().describe('The signing key of its QR token.'),
    createdAt: instant,
    issuedAt: instant.nullable(),
    revokedAt: instant.nullable(),
    cancelledAt: instant
      .nullable()
      .describe('When its enterprise withdrew the application (status `cancelled`).'),
    renewedFrom: z.uuid().nullable().describe('The earlier pass this one renews, if any.'),
    token: z
      .string()
      .nullable()
      .optional()
      .describe('The QR text; only in the single-pass view, and only once issued.'),
  })
  .meta({ id: 'Pass' });

export type PassView = z.infer<typeof passViewSchema>;

/** A page of passes, newest first; `nextCursor` asks for the next one. */
export const passPageSchema = z.strictObject({
  items: z.array(passViewSchema),
  nextCursor: z.string().nullable(),
});

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * `phone: 'full'` only where the caller may read the driver's phone (see mayReadDriverPhone);
 * everywhere else it is masked (139****5678).
 */
export function toPassView(
  pass: PassRecord,
  withToken: boolean,
  phone: 'full' | 'masked' = 'masked',
): PassView {
  const view: PassView = {
    id: pass.id,
    passNumber: pass.passNumber,
    status: pass.status,
    enterpriseId: pass.enterpriseId,
    plate: pass.plate,
    trailerPlate: pass.trailerPlate,
    driverName: pass.driverName,
    driverPhone: phone === 'full' ? pass.driverPhone : maskPhone(pass.driverPhone),
    cargoCategory: pass.cargoCategory,
    cargoDescription: pass.cargoDescription,
    tonnage: formatKgAsTons(pass.tonnageKg),
    tonnageKg: pass.tonnageKg,
    originDivision: pass.originDivision,
    originName: divisionName(pass.originDivision),
    destinationDivision: pass.destinationDivision,
    destinationName: divisionName(pass.destinationDivision),
    crossProvince: pass.crossProvince,
    validFrom: pass.validFrom.toISOString(),
    validUntil: pass.validUntil.toISOString(),
    rejectionReason: pass.rejectionReason,
    revocationReason: pass.revocationReason,
    kid: pass.kid,
    createdAt: pass.createdAt.toISOString(),
    issuedAt: iso(pass.issuedAt),
    revokedAt: iso(pass.revokedAt),
    cancelledAt: iso(pass.cancelledAt),
    renewedFrom: pass.renewedFrom,
  };
  if (withToken) view.token = pass.token;
  return view;
}
