import { generateKeyPairSync } from 'node:crypto';
import { PASS_QR_PREFIX, PASS_TOKEN_ISSUER } from '@app/contracts';
import {
  hasLowS,
  jwkThumbprint,
  publicJwkOf,
  type EcPublicJwk,
  type PassSigningKey,
  type PassTokenContent,
} from '@app/pass-token';
import jwt from 'jsonwebtoken';

/** What tokens issued before short tokens carried besides today's claims. */
export interface LegacyPassContent extends PassTokenContent {
  jti: string;
  iat: number;
}

/** A pass key as pass-service made them before short kids: the whole thumbprint as kid. */
export function legacyPassKey(): PassSigningKey & { jwk: EcPublicJwk } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicJwkOf(publicKey);
  return { kid: jwkThumbprint(jwk), privateKey, jwk };
}

/**
 * A QR exactly as the signer before short tokens wrote it (jsonwebtoken, `jti` and `iat`
 * included, `typ` left out, `s` as OpenSSL returned it). `s: 'high'` signs again until the
 * signature is the high-S one, which that signer wrote about half the time.
 */
export function signLegacyPassQr(
  content: LegacyPassContent,
  key: PassSigningKey,
  s: 'any' | 'high' = 'any',
): string {
  for (;;) {
    const token = jwt.sign({ ...content, iss: PASS_TOKEN_ISSUER }, key.privateKey, {
      algorithm: 'ES256',
      header: { alg: 'ES256', kid: key.kid, typ: undefined },
    });
    const signature = Buffer.from(token.split('.')[2], 'base64url');
    if (s === 'any' || !hasLowS(signature)) return `${PASS_QR_PREFIX}${token}`;
  }
}
