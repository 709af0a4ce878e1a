import { boundedText, coded, zonedInstant } from '@app/contracts';
import { CARGO_CATEGORIES, parsePlate, parseTonsToKg } from '@app/domain';
import { z } from 'zod';
import { countyCode, mainlandMobile } from '../shared/field-schemas';
import { trailerPlate } from '../vehicles/vehicle.schemas';

const plate = coded(
  'PLATE_INVALID',
  z
    .string()
    .max(32)
    .transform((input, ctx) => {
      const parsed = parsePlate(input);
      if (parsed.ok) return parsed.plate;
      ctx.addIssue({ code: 'custom', message: 'not a plate' });
      return z.NEVER;
    }),
  'a mainland China plate: standard (豫B12345), new-energy (豫BD12345) or trailer (豫B1234挂)',
);

/** Tons as a JSON number or a decimal string, kept as integer kilograms from here on. */
const tonnageKg = coded(
  'TONNAGE_INVALID',
  z.union([z.number(), z.string().max(32)]).transform((input, ctx) => {
    const kg = parseTonsToKg(input);
    if (kg !== undefined) return kg;
    ctx.addIssue({ code: 'custom', message: 'not a tonnage' });
    return z.NEVER;
  }),
  'tons greater than 0 with at most 3 decimals, as a number or a decimal string ("12.5")',
);

/** Within the system's instant range here; the window rules (today + N days) follow in the use case. */
const instant = coded(
  'VALIDITY_INVALID',
  zonedInstant,
  'an ISO-8601 date-time with a time zone (e.g. 2022-04-07T08:00:00+08:00) from 2000 to 2100',
);

const applicationFields = z.strictObject({
  plate,
  /** For a tractor pulling a trailer: the trailer's own plate, carried on the pass and in its QR. */
  trailerPlate: trailerPlate.optional(),
  driverName: coded('DRIVER_NAME_INVALID', boundedText(1, 50), '1–50 characters'),
  driverPhone: mainlandMobile,
  cargoCategory: coded(
    'CARGO_INVALID',
    z.enum(CARGO_CATEGORIES),
    `one of ${CARGO_CATEGORIES.join(', ')}`,
  ),
  cargoDescription: coded(
    'CARGO_INVALID',
    boundedText(0, 200),
    'at most 200 characters',
  ).optional(),
  tonnage: tonnageKg,
  originDivision: countyCode,
  destinationDivision: countyCode,
  validFrom: instant,
  validUntil: instant,
});

export const passApplicationBody = applicationFields.superRefine((body, ctx) => {
  // With a trailer, `plate` is the tractor's: the plate that counts is a motor vehicle's.
  if (body.trailerPlate !== undefined && isTrailerPlate(body.plate)) {
    ctx.addIssue({
      code: 'custom',
      path: ['plate'],
      message: "must be the tractor's plate, not a trailer plate, when trailerPlate is given",
      params: { code: 'PLATE_INVALID' },
    });
  }
});

function isTrailerPlate(plate: string): boolean {
  const parsed = parsePlate(plate);
  return parsed.ok && parsed.kind === 'trailer';
}

/** The application after edge validation: plate normalised, tonnage in kg, instants as Dates. */
export type PassApplication = z.output<typeof passApplicationBody>;

/** POST /v1/passes/:id/renew: the new window; everything else is the earlier pass's. */
export const renewalBody = z.strictObject({ validFrom: instant, validUntil: instant });
export type RenewalWindow = z.output<typeof renewalBody>;

export const idempotencyKeyHeader = coded(
  'IDEMPOTENCY_KEY_INVALID',
  z.string().regex(/^[\x21-\x7e]{1,200}$/),
  '1–200 printable ASCII characters',
);

export const reasonBody = z.strictObject({
  reason: coded('REASON_INVALID', boundedText(1, 500), 'a reason of 1–500 characters'),
});
export type ReasonBody = z.output<typeof reasonBody>;
