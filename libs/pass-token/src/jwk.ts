import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/** The public half of a P-256 key as it appears in a JWKS. */
export interface EcPublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

export function publicJwkOf(key: KeyObject): EcPublicJwk {
  const jwk = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' });
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) {
    throw new Error('expected a P-256 EC key');
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** RFC 7638: SHA-256 over the required members in lexicographic order, base64url. */
export function jwkThumbprint(jwk: EcPublicJwk): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

export function publicKeyFromJwk(jwk: EcPublicJwk): KeyObject {
  return createPublicKey({ key: { ...jwk }, format: 'jwk' });
}

/**
 * A pass key's kid: the first 8 characters (48 bits) of its thumbprint. The kid is in every QR,
 * and the full 43 characters cost 47 QR characters; 48 bits only has to tell apart the handful
 * of keys published at one time, and pass-service throws away a new key whose short kid is taken.
 */
export const PASS_KID_LENGTH = 8;
/** Keys made before short kids used the whole thumbprint; their passes verify until they expire. */
export const LEGACY_PASS_KID_LENGTH = 43;

export function passKeyId(jwk: EcPublicJwk): string {
  return jwkThumbprint(jwk).slice(0, PASS_KID_LENGTH);
}

const PASS_KID = /^(?:[A-Za-z0-9_-]{8}|[A-Za-z0-9_-]{43})$/;

/** The two kid shapes pass-service has ever written: 8 base64url characters, or 43 (legacy). */
export function isPassKidShape(kid: unknown): kid is string {
  return typeof kid === 'string' && PASS_KID.test(kid);
}

export function isLegacyPassKid(kid: string): boolean {
  return kid.length === LEGACY_PASS_KID_LENGTH;
}

/** A published kid belongs to its key: it is the key's thumbprint, or (short kid) its first 8 characters. */
export function isKidOf(kid: string, jwk: EcPublicJwk): boolean {
  const thumbprint = jwkThumbprint(jwk);
  return kid === thumbprint || kid === thumbprint.slice(0, PASS_KID_LENGTH);
}
