// Types of offline-verify.js for the Node tests (the browser loads the .js directly).

/** A WebCrypto CryptoKey; typed loosely so the declarations need no DOM lib. */
export type VerifyKey = object;

export type OfflineReason =
  | 'NOT_A_PASS'
  | 'SIGNATURE_INVALID'
  | 'UNKNOWN_KEY'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'REVOKED'
  | 'PLATE_MISMATCH'
  | 'TRAILER_MISMATCH';

export interface PassClaims {
  /** Legacy tokens only (issued before short tokens). */
  jti?: string;
  pn: string;
  pl: string;
  /** The trailer's plate, only in tokens of a tractor pulling one. */
  tp?: string;
  ec: string;
  cg: string;
  t: number;
  o: string;
  d: string;
  x: 0 | 1;
  nbf: number;
  exp: number;
  /** Legacy tokens only. */
  iat?: number;
  iss: 'epass';
}

export interface OfflinePassView {
  /** The pass id, from legacy tokens only; the pass number identifies the pass. */
  id: string | null;
  passNumber: string;
  plate: string;
  trailerPlate: string | null;
  cargoCategory: string | null;
  tonnage: string;
  originDivision: string;
  destinationDivision: string;
  crossProvince: boolean;
  validFrom: string;
  validUntil: string;
  enterpriseCreditCode: string;
}

export interface OfflineVerdict {
  verdict: 'accepted' | 'rejected';
  reason: OfflineReason | null;
  pass: OfflinePassView | null;
  checkedAt: string;
  clockLeewaySeconds: number;
  kid: string | null;
  offline: true;
  routeChecked: false;
}

export interface TrustedJwk {
  kid: string;
  kty: string;
  crv: string;
  x: string;
  y: string;
  [extra: string]: unknown;
}

export interface RevocationList {
  version: number;
  /** pass number → validUntil (ISO). */
  entries: Record<string, string>;
}

export interface RevocationDelta {
  version: number;
  revoked: { passId: string; passNumber: string; validUntil: string; version: number }[];
  removedBefore?: string;
}

/** The JWS segments of a QR, as scanned: nothing in them is decoded or trusted yet. */
export interface ParsedPassQr {
  headerPart: string;
  payloadPart: string;
  signaturePart: string;
}

export const PASS_QR_PREFIX: 'EP1:';
export const PASS_TOKEN_ISSUER: 'epass';
export const PASS_QR_MAX_LENGTH: number;
export const DEFAULT_LEEWAY_SECONDS: number;
export const CARGO_BY_SHORT_CODE: Record<string, string>;

export function base64UrlToBytes(text: string): Uint8Array;
export function bytesToBase64Url(bytes: Uint8Array): string;
export function parsePassQr(qr: string): ParsedPassQr | undefined;
export function headerKid(headerPart: string): string | undefined;
export function hasLowS(signature: Uint8Array): boolean;
export function isPassClaims(
  claims: Record<string, unknown>,
): claims is Record<string, unknown> & PassClaims;
export function importTrustedKey(jwk: TrustedJwk, subtle?: unknown): Promise<VerifyKey>;
export function importTrustedKeys(
  keys: TrustedJwk[],
  subtle?: unknown,
): Promise<Map<string, VerifyKey>>;
export function checkPassQrOffline(
  qr: string,
  keyFor: (kid: string) => VerifyKey | undefined,
  options: { nowSeconds: number; leewaySeconds: number; subtle?: unknown },
): Promise<
  | { ok: true; kid: string; claims: PassClaims; leewayUsedSeconds: number }
  | { ok: false; reason: OfflineReason; kid?: string; claims?: PassClaims }
>;
export function normalizePlate(input: string): string;
export function parsePlate(
  input: string,
): { ok: true; plate: string; kind: 'standard' | 'new_energy' | 'trailer' } | { ok: false };
export function canonicalPlate(plate: string): string;
export function formatKgAsTons(kg: number | bigint): string;
export function passViewOf(claims: PassClaims): OfflinePassView;
export function verifyPassOffline(
  qr: string,
  options: {
    keyFor: (kid: string) => VerifyKey | undefined;
    isRevoked?: (passNumber: string) => boolean;
    nowMs?: number;
    leewaySeconds?: number;
    observedPlate?: string;
    trailerPlate?: string;
    subtle?: unknown;
  },
): Promise<OfflineVerdict>;
export function applyRevocationDelta(
  list: RevocationList | null | undefined,
  delta: RevocationDelta,
): RevocationList;
export const STALE_AFTER_MS: number;
export const SKEW_WARN_MS: number;

/** The parts of a verdict (online answer or offline one) the screen's colour depends on. */
export interface ToneInput {
  verdict: 'accepted' | 'rejected';
  reason: string | null;
  offline?: boolean;
  checkedAt: string;
  keysSyncedAt?: string | null;
}
export function keysStaleFor(result: ToneInput, listsStale: boolean): boolean;
export function verdictTone(
  result: ToneInput,
  options: { listsStale: boolean; skewMs: number },
): 'accepted' | 'rejected' | 'warn';
export function clockSkewMs(
  dateHeader: string | null | undefined,
  deviceNowMs: number,
): number | null;
