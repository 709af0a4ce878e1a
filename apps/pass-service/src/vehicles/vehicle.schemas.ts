import { boundedText, coded } from '@app/contracts';
import { parsePlate, type PlateKind } from '@app/domain';
import { z } from 'zod';

export const VEHICLE_KINDS = ['truck', 'tractor', 'special'] as const;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];

export const TRANSFER_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** A plate of one of `kinds`, normalised (full-width, case, spaces, dots) as everywhere else. */
function plateOf(kinds: readonly PlateKind[]) {
  return z
    .string()
    .max(32)
    .transform((input, ctx) => {
      const parsed = parsePlate(input);
      if (parsed.ok && kinds.includes(parsed.kind)) return parsed.plate;
      ctx.addIssue({ code: 'custom', message: 'not a plate of this kind' });
      return z.NEVER;
    });
}

/** Any plate an application may name: the vehicle's, standard, new-energy or trailer. */
export const anyPlate = coded(
  'PLATE_INVALID',
  plateOf(['standard', 'new_energy', 'trailer']),
  'a mainland China plate: standard (豫B12345), new-energy (豫BD12345) or trailer (豫B1234挂)',
);

/** The plate of a motor vehicle: a trailer's plate is only ever a tractor's `trailerPlate`. */
export const motorVehiclePlate = coded(
  'PLATE_INVALID',
  plateOf(['standard', 'new_energy']),
  'a motor vehicle plate, standard (豫B12345) or new-energy (豫BD12345); a trailer plate goes in trailerPlate',
);

export const trailerPlate = coded(
  'TRAILER_PLATE_INVALID',
  plateOf(['trailer']),
  'a trailer plate (豫B1234挂)',
);

/** The number on the vehicle licence (行驶证): letters, digits and hyphens, as printed. */
const licenceNumber = coded(
  'LICENCE_NUMBER_INVALID',
  z
    .string()
    .max(64)
    .transform((input) => input.normalize('NFKC').replace(/\s/g, '').toUpperCase())
    .pipe(z.string().regex(/^[0-9A-Z-]{4,32}$/)),
  '4–32 letters, digits or hyphens, as on the vehicle licence',
);

export const registerVehicleBody = z
  .strictObject({
    plate: motorVehiclePlate,
    kind: coded(
      'VEHICLE_KIND_INVALID',
      z.enum(VEHICLE_KINDS),
      `one of ${VEHICLE_KINDS.join(', ')}`,
    ),
    trailerPlate: trailerPlate.optional(),
    licenceNumber,
  })
  .superRefine((body, ctx) => {
    if (body.trailerPlate !== undefined && body.kind !== 'tractor') {
      ctx.addIssue({
        code: 'custom',
        path: ['trailerPlate'],
        message: 'only a tractor has a trailer plate',
        params: { code: 'TRAILER_PLATE_INVALID' },
      });
    }
  });
export type RegisterVehicleBody = z.output<typeof registerVehicleBody>;

const cursor = coded(
  'CURSOR_INVALID',
  z.string().regex(/^\d{1,18}$/),
  'a nextCursor from a previous page',
).optional();
const limit = coded(
  'LIMIT_INVALID',
  z.coerce.number().int().min(1).max(200),
  'an integer from 1 to 200',
).default(50);

export const listVehiclesQuery = z.strictObject({
  plate: anyPlate.optional(),
  enterpriseId: coded('ENTERPRISE_ID_INVALID', z.uuid(), 'an enterprise id (UUID)').optional(),
  cursor,
  limit,
});
export type ListVehiclesQuery = z.output<typeof listVehiclesQuery>;

const reason = coded('REASON_INVALID', boundedText(1, 500), 'a reason of 1–500 characters');

export const requestTransferBody = z.strictObject({ plate: anyPlate, reason });
export type RequestTransferBody = z.output<typeof requestTransferBody>;

export const listTransfersQuery = z.strictObject({
  status: coded(
    'STATUS_INVALID',
    z.enum(TRANSFER_STATUSES),
    `one of ${TRANSFER_STATUSES.join(', ')}`,
  ).optional(),
  cursor,
  limit,
});
export type ListTransfersQuery = z.output<typeof listTransfersQuery>;

export const approveTransferBody = z.strictObject({ reason: reason.optional() });
export type ApproveTransferBody = z.output<typeof approveTransferBody>;

export const rejectTransferBody = z.strictObject({ reason });
export type RejectTransferBody = z.output<typeof rejectTransferBody>;
