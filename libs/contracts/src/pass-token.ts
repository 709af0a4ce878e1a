import { z } from 'zod';
import { type cargoCategory, creditCode, divisionCode, passNumber } from './fields';

/**
 * The QR content of a pass: `EP1:` + a compact ES256 JWS. The prefix lets a scanner tell
 * "not a pass" from "a pass that fails verification" before any parsing.
 */
export const PASS_QR_PREFIX = 'EP1:';
export const PASS_TOKEN_ISSUER = 'epass';
/** Scanners refuse anything longer before parsing: a pass is well under this. */
export const PASS_QR_MAX_LENGTH = 1024;

/** Short codes keep the token (and so the QR) small; the mapping is part of the contract. */
export const CARGO_SHORT_CODES = {
  medical: 'md',
  daily_necessities: 'dn',
  agricultural: 'ag',
  energy: 'en',
  industrial_raw_materials: 'rm',
  finished_goods: 'fg',
  postal_express: 'px',
  other: 'ot',
} as const satisfies Record<z.infer<typeof cargoCategory>, string>;

type CargoCategory = z.infer<typeof cargoCategory>;
const cargoByShortCode = new Map<string, CargoCategory>(
  Object.entries(CARGO_SHORT_CODES).map(([category, code]) => [code, category as CargoCategory]),
);

/**
 * The claims of a pass token. The pass number identifies the pass at a checkpoint (revocations,
 * scans, clone detection). `jti` (the pass id) and `iat` are only in tokens issued before
 * short tokens, which verify until they expire; new tokens leave both out.
 */
export const passTokenClaims = z.object({
  /** Legacy: the pass id. */
  jti: z.uuid().optional(),
  pn: passNumber,
  /** Plate, normalised. */
  pl: z.string().min(1).max(16),
  /** The trailer's plate, normalised, for a tractor pulling one; absent otherwise. */
  tp: z.string().min(1).max(16).optional(),
  /** Enterprise's unified social credit code. */
  ec: creditCode,
  /** Cargo category, short code. */
  cg: z.enum(Object.values(CARGO_SHORT_CODES) as [string, ...string[]]),
  /** Tonnage in integer kilograms. */
  t: z.number().int().positive(),
  o: divisionCode,
  d: divisionCode,
  /** 1 when origin and destination are in different provinces. */
  x: z.union([z.literal(0), z.literal(1)]),
  nbf: z.number().int(),
  exp: z.number().int(),
  /** Legacy: when the token was signed. */
  iat: z.number().int().optional(),
  iss: z.literal(PASS_TOKEN_ISSUER),
});
export type PassTokenClaims = z.infer<typeof passTokenClaims>;

export function cargoFromShortCode(code: string): CargoCategory | undefined {
  return cargoByShortCode.get(code);
}
