import type { EcPublicJwk } from '@app/pass-token';
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** A JSON Web Key Set of P-256 public keys, as the verifiers fetch it (component `Jwks`). */
export const jwksSchema = z
  .strictObject({
    keys: z.array(
      z.strictObject({
        kty: z.literal('EC'),
        crv: z.literal('P-256'),
        x: z.string(),
        y: z.string(),
        kid: z.string(),
        use: z.literal('sig'),
        alg: z.literal('ES256'),
      }),
    ),
  })
  .meta({ id: 'Jwks' });

export type JwksDocument = z.infer<typeof jwksSchema>;

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
