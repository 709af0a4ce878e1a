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
  | 'PLATE_MISMATCH';

export interface PassClaims {
  jti: string;
  pn: string;
  pl: string;
  ec: string;
  cg: string;
  t: number;
  o: string;
  d: string;
  x: 0 | 1;
  nbf: number;
  exp: number;
  iat: number;
  iss: 'epass';
}

export interface OfflinePassView {
  id: string;
  passNumber: string;
  plate: string;
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
  entries: Record<string, string>;
}

export interface RevocationDelta {
  version: number;
  revoked: { passId: string; passNumber: string; validUntil: string; version: number }[];
  removedBefore?: string;
}

export interface ParsedPassQr {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: Uint8Array;
  signature: Uint8Array;
}

export const PASS_QR_PREFIX: 'EP1:';
export const PASS_TOKEN_ISSUER: 'epass';
export const PASS_QR_MAX_LENGTH: number;
export const DEFAULT_LEEWAY_SECONDS: number;
export const CARGO_BY_SHORT_CODE: Record<string, string>;

export function base64UrlToBytes(text: string): Uint8Array;
export function parsePassQr(qr: string): ParsedPassQr | undefined;
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
    isRevoked?: (passId: string) => boolean;
    nowMs?: number;
    leewaySeconds?: number;
    observedPlate?: string;
    subtle?: unknown;
  },
): Promise<OfflineVerdict>;
export function applyRevocationDelta(
  list: RevocationList | null | undefined,
  delta: RevocationDelta,
): RevocationList;
export function clockSkewMs(
  dateHeader: string | null | undefined,
  deviceNowMs: number,
): number | null;
