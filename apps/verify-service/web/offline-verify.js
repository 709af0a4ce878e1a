// @ts-check
// Offline verification of a scanned pass, the same checks in the same order as verify-service
// (libs/pass-token checkPassQr, then judgeScan), with WebCrypto. Pure functions with no DOM or
// storage, so test/pages runs them in Node. The route rule needs the checkpoint's division and
// corridors, which the scanner does not hold: offline verdicts say "route not checked".
//
// The order is the contract (DESIGN.md, "Pass token"): prefix and shape, the header, the key,
// the signature over the exact bytes (canonical base64url, 64 bytes, low S), and only then the
// payload. A changed byte is SIGNATURE_INVALID (UNKNOWN_KEY if it made another well-formed kid),
// never NOT_A_PASS, and the twin signature (r, n − s) of a genuine pass is refused.
import { normalizePlate, parsePlate } from '/shared/plate.js';

export { normalizePlate, parsePlate };

// The types are those of offline-verify.d.ts, which the Node tests read.
/** @typedef {import('./offline-verify').PassClaims} PassClaims */
/** @typedef {import('./offline-verify').OfflineReason} OfflineReason */
/** @typedef {import('./offline-verify').OfflinePassView} OfflinePassView */
/** @typedef {import('./offline-verify').OfflineVerdict} OfflineVerdict */
/** @typedef {import('./offline-verify').ParsedPassQr} ParsedPassQr */
/** @typedef {import('./offline-verify').TrustedJwk} TrustedJwk */
/** @typedef {import('./offline-verify').RevocationList} RevocationList */
/** @typedef {import('./offline-verify').RevocationDelta} RevocationDelta */
/** @typedef {import('./offline-verify').ToneInput} ToneInput */
/**
 * @typedef {{ ok: true, kid: string, claims: PassClaims, leewayUsedSeconds: number }
 *   | { ok: false, reason: OfflineReason, kid?: string, claims?: PassClaims }} TokenCheck
 */

export const PASS_QR_PREFIX = 'EP1:';
export const PASS_TOKEN_ISSUER = 'epass';
export const PASS_QR_MAX_LENGTH = 1024;
/** verify-service's default VERIFY_CLOCK_LEEWAY_SECONDS. */
export const DEFAULT_LEEWAY_SECONDS = 120;

/** @type {Readonly<Record<string, string>>} */
export const CARGO_BY_SHORT_CODE = {
  md: 'medical',
  dn: 'daily_necessities',
  ag: 'agricultural',
  en: 'energy',
  rm: 'industrial_raw_materials',
  fg: 'finished_goods',
  px: 'postal_express',
  ot: 'other',
};

const JWS_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
/** libs/pass-token isPassKidShape: a short kid (8) or a legacy full thumbprint (43). */
const PASS_KID = /^(?:[A-Za-z0-9_-]{8}|[A-Za-z0-9_-]{43})$/;
const LEGACY_KID_LENGTH = 43;
const ES256_SIGNATURE_BYTES = 64;
/** Half the order of P-256 (libs/pass-token es256.ts): the largest `s` a new pass may carry. */
const P256_HALF_N = hexBytes('7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8');

/** @param {string} hex */
function hexBytes(hex) {
  return Uint8Array.from(hex.match(/../g) ?? [], (byte) => parseInt(byte, 16));
}

/** @param {string} text */
export function base64UrlToBytes(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** @param {Uint8Array} bytes */
export function bytesToBase64Url(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The bytes of a base64url segment, or undefined unless it is their canonical spelling: the last
 * character carries bits a decoder ignores, and a pass has exactly one spelling that verifies.
 * @param {string} part
 */
function canonicalBytes(part) {
  try {
    const bytes = base64UrlToBytes(part);
    return bytesToBase64Url(bytes) === part ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A segment's JSON object, or undefined when it is not one (nothing in it is trusted yet).
 * @param {string} part
 * @returns {Record<string, unknown> | undefined}
 */
function decodeJsonPart(part) {
  const bytes = canonicalBytes(part);
  if (!bytes) return undefined;
  try {
    /** @type {unknown} */
    const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? /** @type {Record<string, unknown>} */ (value)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Splits a QR text into its JWS segments, undecoded, or undefined when it is not a pass at all
 * (no `EP1:` prefix, too long, or not three base64url segments).
 * @param {unknown} qr
 * @returns {ParsedPassQr | undefined}
 */
export function parsePassQr(qr) {
  if (typeof qr !== 'string' || qr.length > PASS_QR_MAX_LENGTH || !qr.startsWith(PASS_QR_PREFIX))
    return undefined;
  const token = qr.slice(PASS_QR_PREFIX.length).trim();
  if (!JWS_SHAPE.test(token)) return undefined;
  const [headerPart, payloadPart, signaturePart] = token.split('.');
  return { headerPart, payloadPart, signaturePart };
}

/**
 * The kid of a header our signer could have written (`{ alg: 'ES256', kid }`), else undefined.
 * @param {string} headerPart
 */
export function headerKid(headerPart) {
  const header = decodeJsonPart(headerPart);
  return header?.alg === 'ES256' && typeof header.kid === 'string' && PASS_KID.test(header.kid)
    ? header.kid
    : undefined;
}

/**
 * s ≤ n/2, comparing the 32 bytes of s with those of n/2.
 * @param {Uint8Array} signature
 */
export function hasLowS(signature) {
  for (let i = 0; i < 32; i++) {
    const s = signature[32 + i];
    if (s !== P256_HALF_N[i]) return s < P256_HALF_N[i];
  }
  return true;
}

/** @param {unknown} v */
const isInt = (v) => Number.isSafeInteger(v);

/**
 * The claim set of libs/contracts passTokenClaims; anything else is "not a pass".
 * @param {Record<string, unknown>} c
 * @returns {c is Record<string, unknown> & PassClaims}
 */
export function isPassClaims(c) {
  return (
    // The pass id and iat are only in legacy tokens (issued before short tokens).
    (c.jti === undefined || (typeof c.jti === 'string' && UUID.test(c.jti))) &&
    (c.iat === undefined || isInt(c.iat)) &&
    typeof c.pn === 'string' &&
    /^\d{12}$/.test(c.pn) &&
    typeof c.pl === 'string' &&
    c.pl.length >= 1 &&
    c.pl.length <= 16 &&
    // The trailer's plate: only in tokens of a tractor pulling one.
    (c.tp === undefined || (typeof c.tp === 'string' && c.tp.length >= 1 && c.tp.length <= 16)) &&
    typeof c.ec === 'string' &&
    CREDIT_CODE.test(c.ec) &&
    typeof c.cg === 'string' &&
    Object.hasOwn(CARGO_BY_SHORT_CODE, c.cg) &&
    typeof c.t === 'number' &&
    isInt(c.t) &&
    c.t > 0 &&
    typeof c.o === 'string' &&
    /^\d{6}$/.test(c.o) &&
    typeof c.d === 'string' &&
    /^\d{6}$/.test(c.d) &&
    (c.x === 0 || c.x === 1) &&
    typeof c.nbf === 'number' &&
    isInt(c.nbf) &&
    typeof c.exp === 'number' &&
    isInt(c.exp) &&
    c.iss === PASS_TOKEN_ISSUER
  );
}

/**
 * Imports a trusted JWK (`{ kid, kty: 'EC', crv: 'P-256', x, y }`) as a WebCrypto verify key.
 * @param {TrustedJwk} jwk
 * @param {SubtleCrypto} [subtle]
 */
export function importTrustedKey(jwk, subtle = globalThis.crypto.subtle) {
  return subtle.importKey(
    'jwk',
    { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true },
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  );
}

/**
 * kid → CryptoKey for every usable key of a `GET /v1/trusted-keys` answer.
 * @param {TrustedJwk[]} keys
 * @param {SubtleCrypto} [subtle]
 */
export async function importTrustedKeys(keys, subtle = globalThis.crypto.subtle) {
  /** @type {Map<string, CryptoKey>} */
  const byKid = new Map();
  for (const jwk of keys) {
    if (jwk?.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.kid !== 'string') continue;
    try {
      byKid.set(jwk.kid, await importTrustedKey(jwk, subtle));
    } catch {
      // A malformed key is as good as an unknown one; its passes get UNKNOWN_KEY.
    }
  }
  return byKid;
}

/**
 * The token check of libs/pass-token checkPassQr, with WebCrypto:
 * `{ ok: true, claims, kid, leewayUsedSeconds }` or `{ ok: false, reason, kid?, claims? }`.
 * `keyFor(kid)` returns a CryptoKey or undefined.
 * @param {string} qr
 * @param {(kid: string) => CryptoKey | undefined} keyFor
 * @param {{ nowSeconds: number, leewaySeconds: number, subtle?: SubtleCrypto }} options
 * @returns {Promise<TokenCheck>}
 */
export async function checkPassQrOffline(qr, keyFor, { nowSeconds, leewaySeconds, subtle }) {
  const parsed = parsePassQr(qr);
  if (!parsed) return { ok: false, reason: 'NOT_A_PASS' };
  const { headerPart, payloadPart, signaturePart } = parsed;
  // Our signer writes one header form only; any other is an altered (or foreign-made) token.
  const kid = headerKid(headerPart);
  if (kid === undefined) return { ok: false, reason: 'SIGNATURE_INVALID' };
  const key = keyFor(kid);
  if (!key) return { ok: false, reason: 'UNKNOWN_KEY', kid };
  const valid = await hasValidSignature(
    `${headerPart}.${payloadPart}`,
    signaturePart,
    kid,
    key,
    subtle ?? globalThis.crypto.subtle,
  );
  if (!valid) return { ok: false, reason: 'SIGNATURE_INVALID', kid };
  // Only now is the payload read: correctly signed by our key but not our claim set is not a
  // pass this scheme understands, which no tampering can reach.
  const claims = decodeJsonPart(payloadPart);
  if (!claims || !isPassClaims(claims)) return { ok: false, reason: 'NOT_A_PASS', kid };
  if (nowSeconds >= claims.exp + leewaySeconds)
    return { ok: false, reason: 'EXPIRED', kid, claims };
  if (nowSeconds < claims.nbf - leewaySeconds)
    return { ok: false, reason: 'NOT_YET_VALID', kid, claims };
  const leewayUsedSeconds = Math.max(0, nowSeconds - claims.exp + 1, claims.nbf - nowSeconds);
  return { ok: true, kid, claims, leewayUsedSeconds };
}

/**
 * JWS ES256 signatures are r ‖ s (64 bytes), the form WebCrypto's ECDSA expects. WebCrypto takes
 * the high-S twin too, so low S is checked here. The transition rule of libs/pass-token: under a
 * legacy 43-character kid a high S is still taken (those keys signed before low S, and were
 * retired when short kids came; their passes verify until they expire).
 * @param {string} signingInput
 * @param {string} signaturePart
 * @param {string} kid
 * @param {CryptoKey} key
 * @param {SubtleCrypto} subtle
 */
async function hasValidSignature(signingInput, signaturePart, kid, key, subtle) {
  const signature = canonicalBytes(signaturePart);
  if (
    !signature ||
    signature.length !== ES256_SIGNATURE_BYTES ||
    (!hasLowS(signature) && kid.length !== LEGACY_KID_LENGTH)
  )
    return false;
  try {
    return await subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      signature,
      new TextEncoder().encode(signingInput),
    );
  } catch {
    return false;
  }
}

/**
 * The form both plates are compared in (verify-service canonicalPlate).
 * @param {string} plate
 */
export function canonicalPlate(plate) {
  const parsed = parsePlate(plate);
  return parsed.ok ? parsed.plate : normalizePlate(plate);
}

/**
 * Integer kilograms as tons with exactly three decimals, without floats: 12500 → "12.500".
 * @param {number | bigint} kg
 */
export function formatKgAsTons(kg) {
  const total = BigInt(kg);
  const tons = total / 1000n;
  const rest = (total % 1000n).toString().padStart(3, '0');
  return `${tons}.${rest}`;
}

/**
 * The `pass` object of a verification answer, built from verified claims.
 * @param {PassClaims} claims
 * @returns {OfflinePassView}
 */
export function passViewOf(claims) {
  return {
    // Only legacy tokens carry the pass id; the pass number identifies the pass.
    id: claims.jti ?? null,
    passNumber: claims.pn,
    plate: claims.pl,
    trailerPlate: claims.tp ?? null,
    cargoCategory: CARGO_BY_SHORT_CODE[claims.cg] ?? null,
    tonnage: formatKgAsTons(claims.t),
    originDivision: claims.o,
    destinationDivision: claims.d,
    crossProvince: claims.x === 1,
    validFrom: new Date(claims.nbf * 1000).toISOString(),
    validUntil: new Date(claims.exp * 1000).toISOString(),
    enterpriseCreditCode: claims.ec,
  };
}

/**
 * The full offline verdict: token check, then revoked, then plate, then trailer plate (the
 * server's order; the route is not checked offline). Returns the shape of `POST /v1/verifications`, minus scanId, plus
 * `offline: true` and `routeChecked: false`.
 *
 * options: `keyFor(kid)`, `isRevoked(passNumber)`, `nowMs`, `leewaySeconds`, `observedPlate?`,
 * `trailerPlate?` (typed by the officer: a pass without a trailer plate does not match one),
 * `subtle?`.
 * @param {string} qr
 * @param {{ keyFor: (kid: string) => CryptoKey | undefined,
 *   isRevoked?: (passNumber: string) => boolean, nowMs?: number, leewaySeconds?: number,
 *   observedPlate?: string, trailerPlate?: string, subtle?: SubtleCrypto }} options
 * @returns {Promise<OfflineVerdict>}
 */
export async function verifyPassOffline(qr, options) {
  const nowMs = options.nowMs ?? Date.now();
  const check = await checkPassQrOffline(qr, options.keyFor, {
    nowSeconds: Math.floor(nowMs / 1000),
    leewaySeconds: options.leewaySeconds ?? DEFAULT_LEEWAY_SECONDS,
    subtle: options.subtle,
  });
  /**
   * @param {OfflineReason | null} reason
   * @param {PassClaims | null} claims
   * @returns {OfflineVerdict}
   */
  const result = (reason, claims, leeway = 0) => ({
    verdict: reason ? 'rejected' : 'accepted',
    reason,
    pass: claims ? passViewOf(claims) : null,
    checkedAt: new Date(nowMs).toISOString(),
    clockLeewaySeconds: leeway,
    kid: check.kid ?? null,
    offline: true,
    routeChecked: false,
  });
  if (!check.ok) return result(check.reason, check.claims ?? null);
  const { claims, leewayUsedSeconds } = check;
  if (options.isRevoked?.(claims.pn)) return result('REVOKED', claims, leewayUsedSeconds);
  const observed = options.observedPlate?.trim();
  if (observed && canonicalPlate(observed) !== canonicalPlate(claims.pl))
    return result('PLATE_MISMATCH', claims, leewayUsedSeconds);
  const trailer = options.trailerPlate?.trim();
  if (trailer && (claims.tp === undefined || canonicalPlate(trailer) !== canonicalPlate(claims.tp)))
    return result('TRAILER_MISMATCH', claims, leewayUsedSeconds);
  return result(null, claims, leewayUsedSeconds);
}

/**
 * Applies a `GET /v1/revocations?since=` delta to a stored list `{ version, entries: { passNumber:
 * validUntil } }` and returns the new list (entries past `removedBefore` are pruned). By pass
 * number, as verify-service: that is what every token carries.
 * @param {RevocationList | null | undefined} list
 * @param {RevocationDelta} delta
 * @returns {RevocationList}
 */
export function applyRevocationDelta(list, delta) {
  const entries = { ...(list?.entries ?? {}) };
  for (const entry of delta.revoked ?? []) entries[entry.passNumber] = entry.validUntil;
  if (delta.removedBefore) {
    const cutoff = Date.parse(delta.removedBefore);
    for (const [passNumber, validUntil] of Object.entries(entries))
      if (Date.parse(validUntil) < cutoff) delete entries[passNumber];
  }
  return { version: Math.max(delta.version ?? 0, list?.version ?? 0), entries };
}

/** Keys and revocations older than this are stale: the scanner warns, and so may its verdicts. */
export const STALE_AFTER_MS = 15 * 60_000;
/** A phone clock further than this from the server's is shown as a problem of its own. */
export const SKEW_WARN_MS = 2 * 60_000;

/**
 * Whether the keys behind a verdict may lack a newly rotated one: this device's lists for an
 * offline verdict (`listsStale`), verify-service's (`keysSyncedAt`, which it refreshes on an
 * unknown kid before answering) for an online one.
 * @param {ToneInput} result
 * @param {boolean} listsStale
 */
export function keysStaleFor(result, listsStale) {
  if (result.offline) return listsStale;
  if (!result.keysSyncedAt) return true;
  return Date.parse(result.checkedAt) - Date.parse(result.keysSyncedAt) > STALE_AFTER_MS;
}

/**
 * The verdict screen's colour: 'accepted' (green), 'rejected' (red) or 'warn' (amber: look
 * again). An unknown key is red while the keys are fresh, since then it is a forgery, and amber
 * only when stale keys may lack a key rotated in since.
 * `listsStale`: this device's lists are older than STALE_AFTER_MS; `skewMs`: its clock's offset.
 * @param {ToneInput} result
 * @param {{ listsStale: boolean, skewMs: number }} device
 * @returns {'accepted' | 'rejected' | 'warn'}
 */
export function verdictTone(result, { listsStale, skewMs }) {
  if (result.verdict === 'accepted') return result.offline && listsStale ? 'warn' : 'accepted';
  if (result.reason === 'NOT_YET_VALID' || result.reason === 'OFFLINE_UNAVAILABLE') return 'warn';
  if (result.reason === 'UNKNOWN_KEY')
    return keysStaleFor(result, listsStale) ? 'warn' : 'rejected';
  if (result.reason === 'EXPIRED' && Math.abs(skewMs) > SKEW_WARN_MS) return 'warn';
  return 'rejected';
}

/**
 * Server time minus device time, in ms, from a response's `Date` header (1 s resolution).
 * @param {string | null | undefined} dateHeader
 * @param {number} deviceNowMs
 */
export function clockSkewMs(dateHeader, deviceNowMs) {
  const server = Date.parse(dateHeader ?? '');
  return Number.isNaN(server) ? null : server - deviceNowMs;
}
