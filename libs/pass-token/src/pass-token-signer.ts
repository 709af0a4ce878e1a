import type { KeyObject } from 'node:crypto';
import { PASS_QR_PREFIX, PASS_TOKEN_ISSUER, type PassTokenClaims } from '@app/contracts';
import jwt from 'jsonwebtoken';

export interface PassSigningKey {
  kid: string;
  /** Parsed once: signing with a PEM string re-parses it on every call (~10× slower). */
  privateKey: KeyObject;
}

/** Everything but `iss`, which is fixed by the contract. */
export type PassTokenContent = Omit<PassTokenClaims, 'iss'>;

/** Signs a pass and returns the QR text: `EP1:` + compact ES256 JWS. */
export function signPassQr(content: PassTokenContent, key: PassSigningKey): string {
  const claims: PassTokenClaims = { ...content, iss: PASS_TOKEN_ISSUER };
  const token = jwt.sign(claims, key.privateKey, {
    algorithm: 'ES256',
    keyid: key.kid,
    // `iat` comes from the content (jsonwebtoken keeps a given one). `typ` adds 16 characters to every QR and tells a verifier nothing it does not already know.
    header: { alg: 'ES256', kid: key.kid, typ: undefined },
  });
  return `${PASS_QR_PREFIX}${token}`;
}
