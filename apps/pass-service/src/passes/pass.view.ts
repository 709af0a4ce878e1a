import { formatKgAsTons, maskPhone } from '@app/domain';
import { divisionName } from '../shared/field-schemas';
import type { PassRecord, PassStatus } from './pass.record';

export interface PassView {
  id: string;
  passNumber: string | null;
  status: PassStatus;
  enterpriseId: string;
  plate: string;
  /** The trailer's plate, for a tractor pulling one. */
  trailerPlate: string | null;
  driverName: string;
  driverPhone: string;
  cargoCategory: string;
  cargoDescription: string | null;
  /** Tons with three decimals, exact. */
  tonnage: string;
  tonnageKg: number;
  originDivision: string;
  originName: string;
  destinationDivision: string;
  destinationName: string;
  crossProvince: boolean;
  validFrom: string;
  validUntil: string;
  rejectionReason: string | null;
  revocationReason: string | null;
  kid: string | null;
  createdAt: string;
  issuedAt: string | null;
  revokedAt: string | null;
  /** When its enterprise withdrew the application (status `cancelled`). */
  cancelledAt: string | null;
  /** The id of the earlier pass this one renews, if it is a renewal. */
  renewedFrom: string | null;
  /** The QR text; only in the single-pass view, and only once issued. */
  token?: string | null;
}

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
