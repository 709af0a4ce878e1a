// @ts-check
// Offline verification of a scanned pass, the same checks in the same order as verify-service
// (libs/pass-token checkPassQr, then judgeScan), with WebCrypto. Pure functions with no DOM or
// storage, so test/pages runs them in Node. The route rule needs the checkpoint's division and
// corridors, which the scanner does not hold: offline verdicts say "route not checked".
import { normalizePlate, parsePlate } from '/shared/plate.js';

export { normalizePlate, parsePlate };

export const PASS_QR_PREFIX = 'EP1:';
export const PASS_TOKEN_ISSUER = 'epass';
export const PASS_QR_MAX_LENGTH = 1024;
/** verify-service's default VERIFY_CLOCK_LEEWAY_SECONDS. */
export const DEFAULT_LEEWAY_SECONDS = 120;

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

export function base64UrlToBytes(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A signature that is not even base64url verifies as nothing (SIGNATURE_INVALID, as jwt.verify). */
function safeBytes(part) {
  try {
    return base64UrlToBytes(part);
  } catch {
    return new Uint8Array(0);
  }
}

function decodeJsonPart(part) {
  try {
    const value = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(base64UrlToBytes(part)),
    );
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Splits a QR text into the JWS parts, or undefined when it is not a pass (no `EP1:` prefix, too
 * long, not three base64url parts, or header/payload not JSON objects).
 */
export function parsePassQr(qr) {
  if (typeof qr !== 'string' || qr.length > PASS_QR_MAX_LENGTH || !qr.startsWith(PASS_QR_PREFIX))
    return undefined;
  const token = qr.slice(PASS_QR_PREFIX.length).trim();
  if (!JWS_SHAPE.test(token)) return undefined;
  const [headerPart, payloadPart, signaturePart] = token.split('.');
  const header = decodeJsonPart(headerPart);
  const payload = decodeJsonPart(payloadPart);
  if (!header || !payload) return undefined;
  return {
    header,
    payload,
    signingInput: new TextEncoder().encode(`${headerPart}.${payloadPart}`),
    signature: safeBytes(signaturePart),
  };
}

const isInt = (v) => Number.isInteger(v);

/** The claim set of libs/contracts passTokenClaims; anything else is "not a pass". */
export function isPassClaims(c) {
  return (
    typeof c.jti === 'string' &&
    UUID.test(c.jti) &&
    typeof c.pn === 'string' &&
    /^\d{12}$/.test(c.pn) &&
    typeof c.pl === 'string' &&
    c.pl.length >= 1 &&
    c.pl.length <= 16 &&
    typeof c.ec === 'string' &&
    CREDIT_CODE.test(c.ec) &&
    typeof c.cg === 'string' &&
    c.cg in CARGO_BY_SHORT_CODE &&
    isInt(c.t) &&
    c.t > 0 &&
    typeof c.o === 'string' &&
    /^\d{6}$/.test(c.o) &&
    typeof c.d === 'string' &&
    /^\d{6}$/.test(c.d) &&
    (c.x === 0 || c.x === 1) &&
    isInt(c.nbf) &&
    isInt(c.exp) &&
    isInt(c.iat) &&
    c.iss === PASS_TOKEN_ISSUER
  );
}

/** Imports a trusted JWK (`{ kid, kty: 'EC', crv: 'P-256', x, y }`) as a WebCrypto verify key. */
export function importTrustedKey(jwk, subtle = globalThis.crypto.subtle) {
  return subtle.importKey(
    'jwk',
    { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true },
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  );
}

/** kid → CryptoKey for every usable key of a `GET /v1/trusted-keys` answer. */
export async function importTrustedKeys(keys, subtle = globalThis.crypto.subtle) {
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
 */
export async function checkPassQrOffline(qr, keyFor, { nowSeconds, leewaySeconds, subtle }) {
  const parsed = parsePassQr(qr);
  if (!parsed) return { ok: false, reason: 'NOT_A_PASS' };
  const { header, payload, signingInput, signature } = parsed;
  const kid = header.kid;
  if (header.alg !== 'ES256') return { ok: false, reason: 'SIGNATURE_INVALID' };
  if (typeof kid !== 'string' || kid.length === 0)
    return { ok: false, reason: 'SIGNATURE_INVALID' };
  const key = keyFor(kid);
  if (!key) return { ok: false, reason: 'UNKNOWN_KEY', kid };
  let valid = false;
  try {
    // JWS ES256 signatures are r||s (64 bytes), the form WebCrypto's ECDSA expects.
    valid =
      signature.length === 64 &&
      (await (subtle ?? globalThis.crypto.subtle).verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        key,
        signature,
        signingInput,
      ));
  } catch {
    valid = false;
  }
  if (!valid || payload.iss !== PASS_TOKEN_ISSUER)
    return { ok: false, reason: 'SIGNATURE_INVALID', kid };
  if (!isPassClaims(payload)) return { ok: false, reason: 'NOT_A_PASS', kid };
  const claims = payload;
  if (nowSeconds >= claims.exp + leewaySeconds)
    return { ok: false, reason: 'EXPIRED', kid, claims };
  if (nowSeconds < claims.nbf - leewaySeconds)
    return { ok: false, reason: 'NOT_YET_VALID', kid, claims };
  const leewayUsedSeconds = Math.max(0, nowSeconds - claims.exp + 1, claims.nbf - nowSeconds);
  return { ok: true, kid, claims, leewayUsedSeconds };
}

/** The form both plates are compared in (verify-service canonicalPlate). */
export function canonicalPlate(plate) {
  const parsed = parsePlate(plate);
  return parsed.ok ? parsed.plate : normalizePlate(plate);
}

/** Integer kilograms as tons with exactly three decimals, without floats: 12500 → "12.500". */
export function formatKgAsTons(kg) {
  const total = BigInt(kg);
  const tons = total / 1000n;
  const rest = (total % 1000n).toString().padStart(3, '0');
  return `${tons}.${rest}`;
}

/** The `pass` object of a verification answer, built from verified claims. */
export function passViewOf(claims) {
  return {
    id: claims.jti,
    passNumber: claims.pn,
    plate: claims.pl,
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
 * The full offline verdict: token check, then revoked, then plate (the server's order; the route
 * is not checked offline). Returns the shape of `POST /v1/verifications`, minus scanId, plus
 * `offline: true` and `routeChecked: false`.
 *
 * options: `keyFor(kid)`, `isRevoked(passId)`, `nowMs`, `leewaySeconds`, `observedPlate?`, `subtle?`.
 */
export async function verifyPassOffline(qr, options) {
  const nowMs = options.nowMs ?? Date.now();
  const check = await checkPassQrOffline(qr, options.keyFor, {
    nowSeconds: Math.floor(nowMs / 1000),
    leewaySeconds: options.leewaySeconds ?? DEFAULT_LEEWAY_SECONDS,
    subtle: options.subtle,
  });
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
  if (options.isRevoked?.(claims.jti)) return result('REVOKED', claims, leewayUsedSeconds);
  const observed = options.observedPlate?.trim();
  if (observed && canonicalPlate(observed) !== canonicalPlate(claims.pl))
    return result('PLATE_MISMATCH', claims, leewayUsedSeconds);
  return result(null, claims, leewayUsedSeconds);
}

/**
 * Applies a `GET /v1/revocations?since=` delta to a stored list `{ version, entries: { passId:
 * validUntil } }` and returns the new list (entries past `removedBefore` are pruned).
 */
export function applyRevocationDelta(list, delta) {
  const entries = { ...(list?.entries ?? {}) };
  for (const entry of delta.revoked ?? []) entries[entry.passId] = entry.validUntil;
  if (delta.removedBefore) {
    const cutoff = Date.parse(delta.removedBefore);
    for (const [passId, validUntil] of Object.entries(entries))
      if (Date.parse(validUntil) < cutoff) delete entries[passId];
  }
  return { version: Math.max(delta.version ?? 0, list?.version ?? 0), entries };
}

/** Server time minus device time, in ms, from a response's `Date` header (1 s resolution). */
export function clockSkewMs(dateHeader, deviceNowMs) {
  const server = Date.parse(dateHeader ?? '');
  return Number.isNaN(server) ? null : server - deviceNowMs;
}
