import type { PassTokenClaims, ScanRejectionReason } from '@app/contracts';
import { normalizePlate, parsePlate } from '@app/domain';
import type { PassTokenCheck } from '@app/pass-token';
import { routeMatch, type RouteCheckpoint, type RouteMatch } from './route-rule';

export interface ScanVerdict {
  reason: ScanRejectionReason | null;
  /** Present whenever the signature was verified, so the officer sees whose pass it is. */
  claims: PassTokenClaims | null;
  clockLeewaySeconds: number;
  routeMatch: RouteMatch | null;
}

export interface ScanContext {
  /** By pass number: what every token carries (the pass id is only in legacy ones). */
  isRevoked: (passNumber: string) => boolean;
  /** Already parsed at the edge: the canonical plate the officer typed, if any. */
  observedPlate?: string;
  /** Already parsed at the edge: the canonical trailer plate the officer typed, if any. */
  observedTrailerPlate?: string;
  checkpoint: RouteCheckpoint;
}

/**
 * The checkpoint rules after the token check, in a fixed order so the most actionable reason
 * wins: a revoked pass is refused as revoked even if the plate is also wrong.
 */
export function judgeScan(check: PassTokenCheck, context: ScanContext): ScanVerdict {
  if (!check.ok) {
    return {
      reason: check.reason,
      claims: check.claims ?? null,
      clockLeewaySeconds: 0,
      routeMatch: null,
    };
  }
  const { claims, leewayUsedSeconds } = check;
  const rejected = (reason: ScanRejectionReason): ScanVerdict => ({
    reason,
    claims,
    clockLeewaySeconds: leewayUsedSeconds,
    routeMatch: null,
  });
  if (context.isRevoked(claims.pn)) return rejected('REVOKED');
  if (context.observedPlate !== undefined && context.observedPlate !== canonicalPlate(claims.pl)) {
    return rejected('PLATE_MISMATCH');
  }
  // A typed trailer plate must be the pass's trailer: a pass without one does not cover a trailer.
  if (
    context.observedTrailerPlate !== undefined &&
    (claims.tp === undefined || context.observedTrailerPlate !== canonicalPlate(claims.tp))
  ) {
    return rejected('TRAILER_MISMATCH');
  }
  const match = routeMatch(context.checkpoint, claims.o, claims.d);
  if (!match) return rejected('OUTSIDE_ROUTE');
  return { reason: null, claims, clockLeewaySeconds: leewayUsedSeconds, routeMatch: match };
}

/** The same form the officer's typed plate is reduced to: for a combination, the tractor's plate. */
export function canonicalPlate(plate: string): string {
  const parsed = parsePlate(plate);
  return parsed.ok ? parsed.plate : normalizePlate(plate);
}
