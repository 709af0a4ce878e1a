import { formatKgAsTons } from '@app/domain';
import type { PassRecord, PassStatus } from '../passes/pass.record';
import { divisionName } from '../shared/field-schemas';

/**
 * What the driver's page shows, and nothing more. A link can be forwarded, so there is no driver
 * name or phone here (docs/privacy.md), no enterprise contact, no reasons written by staff; and
 * the QR only while the pass is issued: a revoked pass says so and gives nothing to scan.
 */
export interface SharedPassView {
  passNumber: string | null;
  status: PassStatus;
  plate: string;
  trailerPlate: string | null;
  enterpriseName: string;
  cargoCategory: string;
  cargoDescription: string | null;
  /** Tons with three decimals, exact. */
  tonnage: string;
  originDivision: string;
  originName: string;
  destinationDivision: string;
  destinationName: string;
  crossProvince: boolean;
  validFrom: string;
  validUntil: string;
  revokedAt: string | null;
  /** The QR text (what a hardware scanner reads) and its picture; null unless issued. */
  qr: { token: string; svg: string } | null;
  /** The server's time of this answer, so the page can tell how old a copy kept offline is. */
  checkedAt: string;
}

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
