import { verify as verifySignature, type KeyObject } from 'node:crypto';
import {
  PASS_QR_MAX_LENGTH,
  PASS_QR_PREFIX,
  passTokenClaims,
  type PassTokenClaims,
} from '@app/contracts';

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
/** An ES256 signature is r ‖ s, 32 bytes each (JWS, RFC 7518 §3.4), not DER. */
const ES256_SIGNATURE_BYTES = 64;

interface CompactJws {
  header: { alg?: unknown; kid?: unknown };
  payload: object;
  /** The bytes the signature covers: the header and payload segments as sent. */
  signingInput: string;
  signatureSegment: string;
}

/** Reads the key id without trusting anything else, so the caller can find (or fetch) the key. */
export function passQrKeyId(qr: string): string | undefined {
  const kid = parseQr(qr)?.header.kid;
  return typeof kid === 'string' && kid.length > 0 && kid.length <= 100 ? kid : undefined;
}

/**
 * Checks a scanned QR against the keys the caller already holds. Pure and synchronous: no I/O,
 * so a checkpoint's verdict never waits on the network.
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
  const jws = parseQr(qr);
  if (!jws) return { ok: false, reason: 'NOT_A_PASS' };
  const kid = jws.header.kid;
  if (jws.header.alg !== 'ES256') return { ok: false, reason: 'SIGNATURE_INVALID' };
  if (typeof kid !== 'string' || kid.length === 0)
    return { ok: false, reason: 'SIGNATURE_INVALID' };
  const key = keyFor(kid);
  if (!key) return { ok: false, reason: 'UNKNOWN_KEY', kid };
  if (!hasValidEs256Signature(jws, key)) return { ok: false, reason: 'SIGNATURE_INVALID', kid };

  const parsed = passTokenClaims.safeParse(jws.payload);
  // Correctly signed by our key but not our claim set: not a pass this scheme understands.
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

function hasValidEs256Signature(jws: CompactJws, key: KeyObject): boolean {
  if (key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return false;
  const signature = Buffer.from(jws.signatureSegment, 'base64url');
  // The last base64url character carries padding bits a decoder ignores; only the canonical
  // encoding is accepted, so a token has exactly one valid spelling.
  if (
    signature.length !== ES256_SIGNATURE_BYTES ||
    signature.toString('base64url') !== jws.signatureSegment
  ) {
    return false;
  }
  return verifySignature(
    'sha256',
    Buffer.from(jws.signingInput),
    { key, dsaEncoding: 'ieee-p1363' },
    signature,
  );
}

/** The QR's JWS with its header and payload decoded; undefined for anything that is not one. */
function parseQr(qr: string): CompactJws | undefined {
  if (qr.length > PASS_QR_MAX_LENGTH || !qr.startsWith(PASS_QR_PREFIX)) return undefined;
  const match = JWS_SHAPE.exec(qr.slice(PASS_QR_PREFIX.length).trim());
  if (!match) return undefined;
  const header = decodeSegment(match[1]);
  const payload = decodeSegment(match[2]);
  if (!header || !payload) return undefined;
  return {
    header,
    payload,
    signingInput: `${match[1]}.${match[2]}`,
    signatureSegment: match[3],
  };
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
