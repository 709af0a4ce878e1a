import { sign, type KeyObject } from 'node:crypto';
import { PASS_QR_PREFIX, PASS_TOKEN_ISSUER, type PassTokenClaims } from '@app/contracts';
import { toLowS } from './es256';

export interface PassSigningKey {
  kid: string;
  /** Parsed once: signing with a PEM string re-parses it on every call (~10× slower). */
  privateKey: KeyObject;
}

/**
 * What pass-service puts in a new token: everything but `iss`, which is fixed by the contract.
 * The pass id (`jti`) and `iat` stay out: the pass number identifies the pass at a checkpoint,
 * and a checkpoint has no use for the issuing instant; together they cost about 80 characters.
 */
export type PassTokenContent = Omit<PassTokenClaims, 'iss' | 'jti' | 'iat'>;

/**
 * Signs a pass and returns the QR text: `EP1:` + compact ES256 JWS, with a low-S signature.
 *
 * Built with node:crypto rather than jsonwebtoken (which still signs the access tokens): the
 * QR's bytes are the contract here, and jsonwebtoken decides some of them itself (it adds `iat`
 * unless told not to, and leaves `s` as OpenSSL returns it, high half the time), while this is
 * three base64url segments whose every byte is visible below, at about twice jwt.sign's speed.
 */
export function signPassQr(content: PassTokenContent, key: PassSigningKey): string {
  const claims: PassTokenClaims = { ...content, iss: PASS_TOKEN_ISSUER };
  // `typ` is left out: 16 more characters in every QR, telling a verifier nothing.
  const header = segment({ alg: 'ES256', kid: key.kid });
  const signingInput = `${header}.${segment(claims)}`;
  const signature = toLowS(
    sign('sha256', Buffer.from(signingInput), { key: key.privateKey, dsaEncoding: 'ieee-p1363' }),
  );
  return `${PASS_QR_PREFIX}${signingInput}.${signature.toString('base64url')}`;
}

function segment(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
