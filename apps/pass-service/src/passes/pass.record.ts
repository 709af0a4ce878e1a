import type { CargoCategory } from '@app/domain';

/** `cancelled`: withdrawn by its enterprise while in review (no event: it was never issued). */
export const PASS_STATUSES = [
  'pending_review',
  'issued',
  'rejected',
  'revoked',
  'cancelled',
] as const;
export type PassStatus = (typeof PASS_STATUSES)[number];

/** A pass as stored, in the service's own vocabulary. */
export interface PassRecord {
  id: string;
  seq: string;
  passNumber: string | null;
  enterpriseId: string;
  /** The enterprise's county: it numbers the pass, and an official's scope is matched on it. */
  issuingDivision: string;
  plate: string;
  /** The trailer's plate when the vehicle is a tractor pulling one. */
  trailerPlate: string | null;
  driverName: string;
  driverPhone: string;
  cargoCategory: CargoCategory;
  cargoDescription: string | null;
  tonnageKg: number;
  originDivision: string;
  destinationDivision: string;
  crossProvince: boolean;
  validFrom: Date;
  validUntil: Date;
  status: PassStatus;
  token: string | null;
  kid: string | null;
  rejectionReason: string | null;
  revocationReason: string | null;
  revokedByRole: string | null;
  requestHash: string | null;
  createdAt: Date;
  issuedAt: Date | null;
  reviewedAt: Date | null;
  revokedAt: Date | null;
  cancelledAt: Date | null;
  /** The earlier pass this one renews (same enterprise, same details, a new window). */
  renewedFrom: string | null;
}

/** Column list that reads a row straight into a PassRecord (bigint tonnage comes back as text). */
export const PASS_COLUMNS = `
  id, seq::text AS seq, pass_number AS "passNumber", enterprise_id AS "enterpriseId", plate,
  driver_name AS "driverName", driver_phone AS "driverPhone", cargo_category AS "cargoCategory",
  cargo_description AS "cargoDescription", tonnage_kg::text AS "tonnageKg",
  origin_division AS "originDivision", destination_division AS "destinationDivision",
  cross_province AS "crossProvince", valid_from AS "validFrom", valid_until AS "validUntil",
  status, token, kid, rejection_reason AS "rejectionReason",
  revocation_reason AS "revocationReason", revoked_by_role AS "revokedByRole",
  request_hash AS "requestHash", created_at AS "createdAt", issued_at AS "issuedAt",
  reviewed_at AS "reviewedAt", revoked_at AS "revokedAt", trailer_plate AS "trailerPlate",
  issuing_division AS "issuingDivision", cancelled_at AS "cancelledAt",
  renewed_from AS "renewedFrom"`;

export function fromRow(row: Omit<PassRecord, 'tonnageKg'> & { tonnageKg: string }): PassRecord {
  return { ...row, tonnageKg: Number(row.tonnageKg) };
}
