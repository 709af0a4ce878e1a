import type { EcPublicJwk } from '@app/pass-token';
import { createHash } from 'node:crypto';

export interface JwksDocument {
  keys: (EcPublicJwk & { kid: string; use: 'sig'; alg: 'ES256' })[];
}

export function toJwks(keys: { kid: string; jwk: EcPublicJwk }[]): JwksDocument {
  return {
    keys: keys.map(({ kid, jwk }) => ({
      kty: jwk.kty,
      crv: jwk.crv,
      x: jwk.x,
      y: jwk.y,
      kid,
      use: 'sig',
      alg: 'ES256',
    })),
  };
}

/** A strong ETag over the document's bytes: the same keys give the same tag on every replica. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** True when the client's If-None-Match already names this tag. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}
