import { verify as verifySignature, type KeyObject } from 'node:crypto';
import {
  PASS_QR_MAX_LENGTH,
  PASS_QR_PREFIX,
  passTokenClaims,
  type PassTokenClaims,
} from '@app/contracts';
import { ES256_SIGNATURE_BYTES, hasLowS } from './es256';
import { isLegacyPassKid, isPassKidShape } from './jwk';

/** Why a QR is not an acceptable pass, in the order they are checked. */
export type PassTokenRejection =
  'NOT_A_PASS' | 'UNKNOWN_KEY' | 'SIGNATURE_INVALID' | 'EXPIRED' | 'NOT_YET_VALID';

export type PassTokenCheck =
  | { ok: true; kid: string; claims: PassTokenClaims; leewayUsedSeconds: number }
  /** Claims are present only when the signature was verified (expired, not yet valid). */
  | { ok: false; reason: PassTokenRejection; kid?: string; claims?: PassTokenClaims };

export interface PassTokenCheckOptions {
  /** The verifier's clock, in seconds: the server's clock decides, never the token's. */
  nowSeconds: number;
  /** Tolerated clock skew on nbf/exp. */
  leewaySeconds: number;
}

const JWS_SHAPE = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The three segments of the QR's JWS, as scanned: nothing in them is trusted yet. */
interface CompactJws {
  header: string;
  payload: string;
  signature: string;
}

/** Reads the key id without trusting anything else, so the caller can find (or fetch) the key. */
export function passQrKeyId(qr: string): string | undefined {
  const jws = splitQr(qr);
  return jws ? headerKid(jws.header) : undefined;
}

/**
 * Checks a scanned QR against the keys the caller already holds. Pure and synchronous: no I/O,
 * so a checkpoint's verdict never waits on the network.
 *
 * The order is the contract (DESIGN.md, "Pass token"), mirrored by the scanner page's offline
 * verifier: prefix and shape, the header, the key, the signature over the exact bytes, and only
 * then the claims. Nothing in the payload is read before the signature holds, so a changed byte
 * anywhere is SIGNATURE_INVALID (or UNKNOWN_KEY when it turned the kid into another well-formed
 * one), never NOT_A_PASS.
 *
 * The signature is checked with node:crypto directly rather than `jwt.verify`: the algorithm is
 * fixed here (ES256, whatever the header claims), and the claims are validated by their schema
 * afterwards, so jsonwebtoken's second decode and its generic checks were pure overhead on the
 * checkpoint's hot path.
 */
export function checkPassQr(
  qr: string,
  keyFor: (kid: string) => KeyObject | undefined,
  options: PassTokenCheckOptions,
): PassTokenCheck {
  const jws = splitQr(qr);
  if (!jws) return { ok: false, reason: 'NOT_A_PASS' };
  // Our signer writes one header form only; any other is an altered (or foreign-made) token.
  const kid = headerKid(jws.header);
  if (kid === undefined) return { ok: false, reason: 'SIGNATURE_INVALID' };
  const key = keyFor(kid);
  if (!key) return { ok: false, reason: 'UNKNOWN_KEY', kid };
  if (!hasValidEs256Signature(jws, kid, key))
    return { ok: false, reason: 'SIGNATURE_INVALID', kid };

  const parsed = passTokenClaims.safeParse(decodeJsonObject(jws.payload));
  // Correctly signed by our key but not our claim set: not a pass this scheme understands.
  // Tampering cannot get here: the signature covers the payload's exact bytes.
  if (!parsed.success) return { ok: false, reason: 'NOT_A_PASS', kid };
  const claims = parsed.data;

  const { nowSeconds, leewaySeconds } = options;
  if (nowSeconds >= claims.exp + leewaySeconds)
    return { ok: false, reason: 'EXPIRED', kid, claims };
  if (nowSeconds < claims.nbf - leewaySeconds) {
    return { ok: false, reason: 'NOT_YET_VALID', kid, claims };
  }
  const leewayUsedSeconds = Math.max(0, nowSeconds - claims.exp + 1, claims.nbf - nowSeconds);
  return { ok: true, kid, claims, leewayUsedSeconds };
}

/**
 * Low-S is required, with one transition rule: under a legacy 43-character kid a high `s` is
 * still taken. Those keys signed through jsonwebtoken, which leaves `s` as OpenSSL returns it
 * (high half the time), and pass-service retires them at its first start with short kids, so
 * every token under one was issued before low-S existed. The rule can go once the last of them
 * has expired (the configured maximum validity after the upgrade).
 */
function hasValidEs256Signature(jws: CompactJws, kid: string, key: KeyObject): boolean {
  if (key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return false;
  const signature = Buffer.from(jws.signature, 'base64url');
  // The last base64url character carries padding bits a decoder ignores; only the canonical
  // encoding is accepted, so a token has exactly one valid spelling.
  if (
    signature.length !== ES256_SIGNATURE_BYTES ||
    signature.toString('base64url') !== jws.signature ||
    (!hasLowS(signature) && !isLegacyPassKid(kid))
  ) {
    return false;
  }
  return verifySignature(
    'sha256',
    Buffer.from(`${jws.header}.${jws.payload}`),
    { key, dsaEncoding: 'ieee-p1363' },
    signature,
  );
}

/** The QR's JWS segments; undefined for anything that is not shaped like one (not a pass). */
function splitQr(qr: string): CompactJws | undefined {
  if (qr.length > PASS_QR_MAX_LENGTH || !qr.startsWith(PASS_QR_PREFIX)) return undefined;
  const match = JWS_SHAPE.exec(qr.slice(PASS_QR_PREFIX.length).trim());
  return match ? { header: match[1], payload: match[2], signature: match[3] } : undefined;
}

/** The kid of a header our signer could have written (`{ alg: 'ES256', kid }`), else undefined. */
function headerKid(segment: string): string | undefined {
  const header = decodeJsonObject(segment);
  if (header?.alg !== 'ES256' || !isPassKidShape(header.kid)) return undefined;
  return header.kid;
}

/** A segment's JSON object, if it is the canonical base64url of UTF-8 JSON text of one. */
function decodeJsonObject(segment: string): Record<string, unknown> | undefined {
  const bytes = Buffer.from(segment, 'base64url');
  if (bytes.toString('base64url') !== segment) return undefined;
  try {
    const value: unknown = JSON.parse(UTF8.decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
