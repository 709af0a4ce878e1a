import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { PASS_QR_PREFIX } from '@app/contracts';
import {
  checkPassQr,
  jwkThumbprint,
  passQrKeyId,
  publicJwkOf,
  publicKeyFromJwk,
  signPassQr,
  type PassTokenContent,
} from './index';

const NOW = 1_750_000_000;

function newKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = jwkThumbprint(publicJwkOf(publicKey));
  return { kid, privateKey, publicKey };
}

const content = (over: Partial<PassTokenContent> = {}): PassTokenContent => ({
  jti: randomUUID(),
  pn: '410205000001',
  pl: '豫B12345',
  ec: '91410200MA44D1234A',
  cg: 'dn',
  t: 12_500,
  o: '410205',
  d: '410102',
  x: 0,
  nbf: NOW - 3600,
  exp: NOW + 3600,
  iat: NOW - 3600,
  ...over,
});

describe('pass token', () => {
  const key = newKey();
  const keys = (kid: string) => (kid === key.kid ? key.publicKey : undefined);
  const check = (qr: string, nowSeconds = NOW) =>
    checkPassQr(qr, keys, { nowSeconds, leewaySeconds: 120 });

  it('computes the RFC 7638 thumbprint over the canonical member order, no whitespace', () => {
    const jwk = {
      kty: 'EC' as const,
      crv: 'P-256' as const,
      x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
      y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
    };
    const canonical =
      '{"crv":"P-256","kty":"EC","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}';
    expect(jwkThumbprint(jwk)).toBe(createHash('sha256').update(canonical).digest('base64url'));
    expect(publicJwkOf(publicKeyFromJwk(jwk))).toEqual(jwk);
  });

  it('signs a QR that verifies with its key and carries the claims', () => {
    const qr = signPassQr(content(), key);
    expect(qr.startsWith(PASS_QR_PREFIX)).toBe(true);
    expect(passQrKeyId(qr)).toBe(key.kid);
    const result = check(qr);
    expect(result).toMatchObject({ ok: true, kid: key.kid, leewayUsedSeconds: 0 });
    if (result.ok) expect(result.claims).toMatchObject({ pl: '豫B12345', t: 12_500, iss: 'epass' });
  });

  it('stays under 600 characters for a realistic pass', () => {
    expect(signPassQr(content(), key).length).toBeLessThan(600);
  });

  it('fails when any character of the token changes', () => {
    const qr = signPassQr(content(), key);
    const token = qr.slice(PASS_QR_PREFIX.length);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      // Flip the character's top bit: the last character of a segment also carries padding
      // bits that decoders ignore, so a change there may not change a single decoded byte.
      const flipped = alphabet[alphabet.indexOf(token[i]) ^ 32];
      const tampered = `${PASS_QR_PREFIX}${token.slice(0, i)}${flipped}${token.slice(i + 1)}`;
      expect({ i, ok: check(tampered).ok }).toEqual({ i, ok: false });
    }
  });

  it('accepts only the canonical spelling of the signature', () => {
    const qr = signPassQr(content(), key);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // 64 bytes take 86 characters, whose last 4 bits are padding: flipping the lowest one
    // spells the same bytes, which a lenient decoder would accept as the same signature.
    const respelled = qr.slice(0, -1) + alphabet[alphabet.indexOf(qr.at(-1) ?? '') ^ 1];
    expect(Buffer.from(respelled.split('.')[2], 'base64url')).toEqual(
      Buffer.from(qr.split('.')[2], 'base64url'),
    );
    expect(check(respelled)).toMatchObject({ ok: false, reason: 'SIGNATURE_INVALID' });
  });

  it('answers UNKNOWN_KEY for a token signed by a key it does not hold', () => {
    const other = newKey();
    expect(check(signPassQr(content(), other))).toEqual({
      ok: false,
      reason: 'UNKNOWN_KEY',
      kid: other.kid,
    });
  });

  it('answers SIGNATURE_INVALID for a trusted kid signed with another private key', () => {
    const other = newKey();
    const forged = signPassQr(content(), { kid: key.kid, privateKey: other.privateKey });
    expect(check(forged)).toMatchObject({ ok: false, reason: 'SIGNATURE_INVALID' });
  });

  it('answers NOT_A_PASS for foreign QR codes, garbage and oversized input', () => {
    for (const qr of [
      'https://example.com',
      '',
      'EP1:',
      'EP1:not.a.jws!',
      'EP1:' + 'a'.repeat(2000),
    ]) {
      expect(check(qr)).toEqual({ ok: false, reason: 'NOT_A_PASS' });
    }
  });

  it('refuses an unsigned (alg none) token with a trusted kid', () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${PASS_QR_PREFIX}${b64({ alg: 'none', kid: key.kid })}.${b64({ ...content(), iss: 'epass' })}.x`;
    expect(check(none)).toMatchObject({ ok: false, reason: 'SIGNATURE_INVALID' });
  });

  it('tells expired from not yet valid, within a leeway that it reports', () => {
    const qr = signPassQr(content({ nbf: NOW, exp: NOW + 100 }), key);
    expect(check(qr, NOW + 100 + 120)).toMatchObject({ ok: false, reason: 'EXPIRED' });
    expect(check(qr, NOW + 150)).toMatchObject({ ok: true, leewayUsedSeconds: 51 });
    expect(check(qr, NOW - 121)).toMatchObject({ ok: false, reason: 'NOT_YET_VALID' });
    expect(check(qr, NOW - 30)).toMatchObject({ ok: true, leewayUsedSeconds: 30 });
  });
});
