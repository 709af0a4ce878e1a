import { z } from 'zod';
import {
  TRANSFER_STATUSES,
  VEHICLE_KINDS,
  type TransferStatus,
  type VehicleKind,
} from './vehicle.schemas';

/** A registered vehicle: its plate belongs to this enterprise and no other. */
export interface VehicleRecord {
  id: string;
  seq: string;
  plate: string;
  enterpriseId: string;
  kind: VehicleKind;
  trailerPlate: string | null;
  licenceNumber: string | null;
  createdAt: Date;
}

export const VEHICLE_COLUMNS = `
  v.id, v.seq::text AS seq, v.plate, v.enterprise_id AS "enterpriseId", v.kind,
  v.trailer_plate AS "trailerPlate", v.licence_number AS "licenceNumber",
  v.created_at AS "createdAt"`;

export const vehicleViewSchema = z
  .strictObject({
    id: z.uuid(),
    plate: z.string(),
    enterpriseId: z.uuid(),
    kind: z.enum(VEHICLE_KINDS),
    trailerPlate: z.string().nullable(),
    licenceNumber: z
      .string()
      .nullable()
      .describe(
        'Null for a vehicle registered by an application rather than by POST /v1/vehicles.',
      ),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Vehicle' });

export type VehicleView = z.infer<typeof vehicleViewSchema>;

export const vehiclePageSchema = z.strictObject({
  items: z.array(vehicleViewSchema),
  nextCursor: z.string().nullable(),
});

export const toVehicleView = (vehicle: VehicleRecord): VehicleView => ({
  id: vehicle.id,
  plate: vehicle.plate,
  enterpriseId: vehicle.enterpriseId,
  kind: vehicle.kind,
  trailerPlate: vehicle.trailerPlate,
  licenceNumber: vehicle.licenceNumber,
  createdAt: vehicle.createdAt.toISOString(),
});

/** A request by `toEnterpriseId` to take over a plate that `fromEnterpriseId` held when it asked. */
export interface PlateTransferRecord {
  id: string;
  seq: string;
  plate: string;
  fromEnterpriseId: string;
  fromEnterpriseName: string;
  toEnterpriseId: string;
  toEnterpriseName: string;
  /** The requester's division: the one an official's scope must contain to decide. */
  toDivisionCode: string;
  status: TransferStatus;
  reason: string;
  decisionReason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

export const TRANSFER_COLUMNS = `
  t.id, t.seq::text AS seq, t.plate, t.from_enterprise_id AS "fromEnterpriseId",
  f.name AS "fromEnterpriseName", t.to_enterprise_id AS "toEnterpriseId",
  r.name AS "toEnterpriseName", r.division_code AS "toDivisionCode", t.status, t.reason,
  t.decision_reason AS "decisionReason", t.created_at AS "createdAt", t.decided_at AS "decidedAt"`;

/** FROM clause for TRANSFER_COLUMNS: `r` is the requesting enterprise, `f` the holder. */
export const TRANSFER_FROM = `plate_transfers t
  JOIN enterprises r ON r.id = t.to_enterprise_id
  JOIN enterprises f ON f.id = t.from_enterprise_id`;

export const plateTransferViewSchema = z
  .strictObject({
    id: z.uuid(),
    plate: z.string(),
    fromEnterpriseId: z.uuid(),
    fromEnterpriseName: z.string(),
    toEnterpriseId: z.uuid(),
    toEnterpriseName: z.string(),
    status: z.enum(TRANSFER_STATUSES),
    reason: z.string(),
    decisionReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'PlateTransfer' });

export type PlateTransferView = z.infer<typeof plateTransferViewSchema>;

export const plateTransferPageSchema = z.strictObject({
  items: z.array(plateTransferViewSchema),
  nextCursor: z.string().nullable(),
});

export const toPlateTransferView = (transfer: PlateTransferRecord): PlateTransferView => ({
  id: transfer.id,
  plate: transfer.plate,
  fromEnterpriseId: transfer.fromEnterpriseId,
  fromEnterpriseName: transfer.fromEnterpriseName,
  toEnterpriseId: transfer.toEnterpriseId,
  toEnterpriseName: transfer.toEnterpriseName,
  status: transfer.status,
  reason: transfer.reason,
  decisionReason: transfer.decisionReason,
  createdAt: transfer.createdAt.toISOString(),
  decidedAt: transfer.decidedAt ? transfer.decidedAt.toISOString() : null,
});
