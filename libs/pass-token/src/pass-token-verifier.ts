import type { KeyObject } from 'node:crypto';
import {
  PASS_QR_MAX_LENGTH,
  PASS_QR_PREFIX,
  PASS_TOKEN_ISSUER,
  passTokenClaims,
  type PassTokenClaims,
} from '@app/contracts';
import jwt from 'jsonwebtoken';

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

const JWS_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Reads the key id without trusting anything else, so the caller can find (or fetch) the key. */
export function passQrKeyId(qr: string): string | undefined {
  const token = tokenOf(qr);
  if (!token) return undefined;
  const decoded = jwt.decode(token, { complete: true });
  const kid = decoded?.header.kid;
  return typeof kid === 'string' && kid.length > 0 && kid.length <= 100 ? kid : undefined;
}

/**
 * Checks a scanned QR against the keys the caller already holds. Pure and synchronous: no I/O,
 * so a checkpoint's verdict never waits on the network.
 */
export function checkPassQr(
  qr: string,
  keyFor: (kid: string) => KeyObject | undefined,
  options: PassTokenCheckOptions,
): PassTokenCheck {
  const token = tokenOf(qr);
  if (!token) return { ok: false, reason: 'NOT_A_PASS' };
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || typeof decoded.payload === 'string') return { ok: false, reason: 'NOT_A_PASS' };
  const kid = decoded.header.kid;
  if (decoded.header.alg !== 'ES256') return { ok: false, reason: 'SIGNATURE_INVALID' };
  if (typeof kid !== 'string' || kid.length === 0)
    return { ok: false, reason: 'SIGNATURE_INVALID' };
  const key = keyFor(kid);
  if (!key) return { ok: false, reason: 'UNKNOWN_KEY', kid };

  let payload: unknown;
  try {
    payload = jwt.verify(token, key, {
      algorithms: ['ES256'],
      issuer: PASS_TOKEN_ISSUER,
      // Validity is judged below so that the verdict can tell expired from not-yet-valid and
      // report the leeway it used.
      ignoreExpiration: true,
      ignoreNotBefore: true,
    });
  } catch {
    return { ok: false, reason: 'SIGNATURE_INVALID', kid };
  }
  const parsed = passTokenClaims.safeParse(payload);
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

function tokenOf(qr: string): string | undefined {
  if (qr.length > PASS_QR_MAX_LENGTH || !qr.startsWith(PASS_QR_PREFIX)) return undefined;
  const token = qr.slice(PASS_QR_PREFIX.length).trim();
  return JWS_SHAPE.test(token) ? token : undefined;
}
