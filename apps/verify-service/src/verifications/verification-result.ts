import { cargoFromShortCode, type PassTokenClaims, type ScanRejectionReason } from '@app/contracts';
import { formatKgAsTons } from '@app/domain';
import { divisionName } from '../checkpoints/checkpoint.dto';
import type { RouteMatch } from './route-rule';

export interface PassView {
  /** The pass id, only from tokens issued before short tokens; the pass number identifies a pass. */
  id: string | null;
  passNumber: string;
  plate: string;
  /** The trailer's plate, for a tractor pulling one (tokens issued before trailer plates: null). */
  trailerPlate: string | null;
  cargoCategory: string | null;
  /** Tons with three decimals, exact. */
  tonnage: string;
  originDivision: string;
  originName: string;
  destinationDivision: string;
  destinationName: string;
  crossProvince: boolean;
  validFrom: string;
  validUntil: string;
  enterpriseCreditCode: string;
}

export interface VerificationResult {
  verdict: 'accepted' | 'rejected';
  reason: ScanRejectionReason | null;
  pass: PassView | null;
  scanId: string;
  checkedAt: string;
  /** How much of the configured clock leeway the pass needed to be valid now. */
  clockLeewaySeconds: number;
  cloneSuspected: boolean;
  /** Why an accepted pass is on its route here (county, city, province or corridor). */
  routeMatch: RouteMatch | null;
  /** When the key list was last confirmed by pass-service: a stale one is visible, never silent. */
  keysSyncedAt: string | null;
  revocationsVersion: number;
  /** True when this answers a resent scan (same clientScanId): the verdict recorded the first time. */
  replayed: boolean;
}

export function toPassView(claims: PassTokenClaims): PassView {
  return {
    id: claims.jti ?? null,
    passNumber: claims.pn,
    plate: claims.pl,
    trailerPlate: claims.tp ?? null,
    cargoCategory: cargoFromShortCode(claims.cg) ?? null,
    tonnage: formatKgAsTons(claims.t),
    originDivision: claims.o,
    originName: divisionName(claims.o),
    destinationDivision: claims.d,
    destinationName: divisionName(claims.d),
    crossProvince: claims.x === 1,
    validFrom: new Date(claims.nbf * 1000).toISOString(),
    validUntil: new Date(claims.exp * 1000).toISOString(),
    enterpriseCreditCode: claims.ec,
  };
}
