import { cargoFromShortCode, SCAN_REJECTION_REASONS, type PassTokenClaims } from '@app/contracts';
import { CARGO_CATEGORIES, formatKgAsTons } from '@app/domain';
import { z } from 'zod';
import { divisionName } from '../checkpoints/checkpoint.dto';
import { ROUTE_MATCHES } from './route-rule';

const instant = z.iso.datetime();

/** A pass as its QR token states it; published as the component `ScannedPass`. */
export const scannedPassSchema = z
  .strictObject({
    id: z
      .uuid()
      .nullable()
      .describe(
        'The pass id, only from tokens issued before short tokens; the pass number identifies a pass.',
      ),
    passNumber: z.string().describe('12 digits'),
    plate: z.string(),
    trailerPlate: z
      .string()
      .nullable()
      .describe(
        "The trailer's plate, for a tractor pulling one (tokens issued before trailer plates: null).",
      ),
    cargoCategory: z.enum(CARGO_CATEGORIES).nullable(),
    tonnage: z
      .string()
      .regex(/^\d+\.\d{3}$/)
      .describe('Tons with three decimals, exact.'),
    originDivision: z.string(),
    originName: z.string(),
    destinationDivision: z.string(),
    destinationName: z.string(),
    crossProvince: z.boolean(),
    validFrom: instant,
    validUntil: instant,
    enterpriseCreditCode: z.string(),
  })
  .meta({ id: 'ScannedPass' });
export type PassView = z.infer<typeof scannedPassSchema>;

/** The verdict on one scan; published as the component `VerificationResult`. */
export const verificationResultSchema = z
  .strictObject({
    verdict: z.enum(['accepted', 'rejected']),
    reason: z
      .enum(SCAN_REJECTION_REASONS)
      .nullable()
      .describe('Why a pass was rejected; null when accepted.'),
    pass: scannedPassSchema
      .nullable()
      .describe(
        'What the token states, whenever its signature was verified (also for EXPIRED, REVOKED, …); null for NOT_A_PASS, SIGNATURE_INVALID and UNKNOWN_KEY.',
      ),
    scanId: z.uuid().describe('The recorded scan: the clientScanId when one was sent.'),
    checkedAt: instant.describe("The server's time of the verdict."),
    clockLeewaySeconds: z
      .number()
      .int()
      .nonnegative()
      .describe('How much of the configured clock leeway the pass needed to be valid now.'),
    cloneSuspected: z
      .boolean()
      .describe(
        'Flagged, never refused: the same pass was accepted elsewhere too recently to have driven here, or entered again without an exit.',
      ),
    routeMatch: z
      .enum(ROUTE_MATCHES)
      .nullable()
      .describe('Why an accepted pass is on its route here (county, city, province or corridor).'),
    keysSyncedAt: instant
      .nullable()
      .describe(
        'When the key list was last confirmed by pass-service: a stale one is visible, never silent.',
      ),
    revocationsVersion: z
      .number()
      .int()
      .nonnegative()
      .describe('The version of the revocation list applied.'),
    replayed: z
      .boolean()
      .describe(
        'True when this answers a resent scan (same clientScanId): the verdict recorded the first time.',
      ),
  })
  .meta({ id: 'VerificationResult' });
export type VerificationResult = z.infer<typeof verificationResultSchema>;

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
