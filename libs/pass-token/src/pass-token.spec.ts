import { createHash, generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';
import { PASS_QR_PREFIX } from '@app/contracts';
import QRCode from 'qrcode';
import { legacyPassKey, signLegacyPassQr } from '../../../test/support/legacy-pass-token';
import {
  checkPassQr,
  hasLowS,
  isKidOf,
  isPassKidShape,
  jwkThumbprint,
  passKeyId,
  passQrKeyId,
  publicJwkOf,
  publicKeyFromJwk,
  signPassQr,
  twinSignature,
  type PassSigningKey,
  type PassTokenContent,
} from './index';

const NOW = 1_750_000_000;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function newKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = passKeyId(publicJwkOf(publicKey));
  return { kid, privateKey, publicKey };
}

const content = (over: Partial<PassTokenContent> = {}): PassTokenContent => ({
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
  ...over,
});

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const segments = (qr: string) => qr.slice(PASS_QR_PREFIX.length).split('.');
const decoded = (segment: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;

/** A QR over any header and payload text, signed (low-S) by `key`: what only a key holder can make. */
function signRaw(headerText: string, payloadText: string, key: PassSigningKey): string {
  return signSegments(b64(headerText), b64(payloadText), key);
}

function signSegments(header: string, payload: string, key: PassSigningKey): string {
  const input = `${header}.${payload}`;
  let signature: Buffer = sign('sha256', Buffer.from(input), {
    key: key.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  if (!hasLowS(signature)) signature = twinSignature(signature);
  return `${PASS_QR_PREFIX}${input}.${signature.toString('base64url')}`;
}

/** Every QR that differs from `qr` in one character of its header, payload or signature. */
function* singleCharacterTamperings(qr: string): Generator<{ i: number; tampered: string }> {
  const token = qr.slice(PASS_QR_PREFIX.length);
  for (let i = 0; i < token.length; i++) {
    if (token[i] === '.') continue;
    for (const c of BASE64URL) {
      if (c === token[i]) continue;
      yield { i, tampered: `${PASS_QR_PREFIX}${token.slice(0, i)}${c}${token.slice(i + 1)}` };
    }
  }
}

describe('pass token', () => {
  const key = newKey();
  const legacy = legacyPassKey();
  const legacyPublic = publicKeyFromJwk(legacy.jwk);
  const keys = (kid: string) =>
    kid === key.kid ? key.publicKey : kid === legacy.kid ? legacyPublic : undefined;
  const check = (qr: string, nowSeconds = NOW) =>
    checkPassQr(qr, keys, { nowSeconds, leewaySeconds: 120 });
  const legacyQr = (s: 'any' | 'high' = 'any') =>
    signLegacyPassQr({ ...content(), jti: randomUUID(), iat: NOW - 3600 }, legacy, s);

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

  it('names a pass key by the first 8 characters of its thumbprint, and knows both kid shapes', () => {
    const jwk = publicJwkOf(key.publicKey);
    expect(key.kid).toBe(jwkThumbprint(jwk).slice(0, 8));
    expect(isKidOf(key.kid, jwk)).toBe(true);
    expect(isKidOf(jwkThumbprint(jwk), jwk)).toBe(true);
    expect(isKidOf(legacy.kid, jwk)).toBe(false);
    expect(isKidOf(jwkThumbprint(jwk).slice(0, 9), jwk)).toBe(false);
    expect([key.kid, legacy.kid].map(isPassKidShape)).toEqual([true, true]);
    expect(['', 'abcdefg', 'abcdefghi', 'abcdefg+', 'a'.repeat(42), 7].map(isPassKidShape)).toEqual(
      [false, false, false, false, false, false],
    );
  });

  it('signs a QR that verifies with its key: header alg and short kid only, no pass id or iat', () => {
    const qr = signPassQr(content(), key);
    expect(qr.startsWith(PASS_QR_PREFIX)).toBe(true);
    expect(passQrKeyId(qr)).toBe(key.kid);
    const [header, payload] = segments(qr);
    expect(Buffer.from(header, 'base64url').toString()).toBe(`{"alg":"ES256","kid":"${key.kid}"}`);
    expect(Object.keys(decoded(payload)).sort()).toEqual(
      ['pn', 'pl', 'ec', 'cg', 't', 'o', 'd', 'x', 'nbf', 'exp', 'iss'].sort(),
    );
    const result = check(qr);
    expect(result).toMatchObject({ ok: true, kid: key.kid, leewayUsedSeconds: 0 });
    if (result.ok) expect(result.claims).toMatchObject({ pl: '豫B12345', t: 12_500, iss: 'epass' });
  });

  it('always writes the low-S signature', () => {
    // Unnormalised, half of them would be high: 40 low ones by chance is 2^-40.
    for (let n = 0; n < 40; n++) {
      const signature = Buffer.from(segments(signPassQr(content(), key))[2], 'base64url');
      expect(hasLowS(signature)).toBe(true);
    }
  });

  it('stays under 400 characters, also for the longest plate on a cross-province pass', () => {
    const report = (label: string, qr: string) => {
      const { version } = QRCode.create(qr, { errorCorrectionLevel: 'M' });
      process.stdout.write(
        `pass token, ${label}: ${qr.length} characters, QR version ${version} (M)\n`,
      );
      return qr.length;
    };
    const typical = signPassQr(content({ pl: '豫B12345', t: 31_500 }), key);
    expect(report('typical (豫B12345, in-province)', typical)).toBeLessThan(400);
    // In UTF-8 the trailer plate is the longest (two 3-byte characters); the longest tonnage the
    // API takes is Number.MAX_SAFE_INTEGER kg; cross-province sets x to 1.
    const worst = signPassQr(
      content({ pl: '豫B1234挂', t: Number.MAX_SAFE_INTEGER, d: '320102', x: 1, cg: 'rm' }),
      key,
    );
    expect(report('worst case (豫B1234挂, 2^53-1 kg, cross-province)', worst)).toBeLessThan(400);
    // A tractor with its trailer: the longest motor plate (new-energy, 8 characters) and a trailer.
    const tractor = signPassQr(
      content({
        pl: '豫BD12345',
        tp: '豫B1234挂',
        t: Number.MAX_SAFE_INTEGER,
        d: '320102',
        x: 1,
        cg: 'rm',
      }),
      key,
    );
    expect(report('tractor and trailer (豫BD12345 + 豫B1234挂, worst case)', tractor)).toBeLessThan(
      400,
    );
    expect(check(tractor)).toMatchObject({ ok: true, claims: { tp: '豫B1234挂' } });
  });

  it('leaves the trailer claim out of a token without a trailer, and refuses a malformed one', () => {
    const payload = (qr: string) =>
      JSON.parse(Buffer.from(segments(qr)[1], 'base64url').toString('utf8')) as object;
    expect(payload(signPassQr(content(), key))).not.toHaveProperty('tp');
    for (const tp of ['', 'x'.repeat(17), 42]) {
      const qr = signPassQr(content({ tp } as Partial<PassTokenContent>), key);
      expect(check(qr)).toMatchObject({ ok: false, reason: 'NOT_A_PASS' });
    }
  });

  it('answers every single-character change of a genuine token with SIGNATURE_INVALID, or UNKNOWN_KEY only when it made another well-formed kid', () => {
    const qr = signPassQr(content(), key);
    expect(check(qr).ok).toBe(true);
    const seen = new Map<string, number>();
    for (const { i, tampered } of singleCharacterTamperings(qr)) {
      const result = check(tampered);
      const reason = result.ok ? 'accepted' : result.reason;
      seen.set(reason, (seen.get(reason) ?? 0) + 1);
      if (reason === 'SIGNATURE_INVALID') continue;
      const kid = passQrKeyId(tampered);
      expect({ i, reason, kidChanged: kid !== undefined && kid !== key.kid }).toEqual({
        i,
        reason: 'UNKNOWN_KEY',
        kidChanged: true,
      });
    }
    expect([...seen.keys()].sort()).toEqual(['SIGNATURE_INVALID', 'UNKNOWN_KEY']);
  });

  it('answers a flipped character of a legacy token the same way', () => {
    const qr = legacyQr();
    const token = qr.slice(PASS_QR_PREFIX.length);
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      // The top bit: the last character of a segment also carries bits a decoder ignores.
      const flipped = BASE64URL[BASE64URL.indexOf(token[i]) ^ 32];
      const tampered = `${PASS_QR_PREFIX}${token.slice(0, i)}${flipped}${token.slice(i + 1)}`;
      const result = check(tampered);
      const reason = result.ok ? 'accepted' : result.reason;
      const kid = passQrKeyId(tampered);
      expect({ i, reason }).toEqual({
        i,
        reason: kid !== undefined && kid !== legacy.kid ? 'UNKNOWN_KEY' : 'SIGNATURE_INVALID',
      });
    }
  });

  it('refuses the twin signature (r, n − s) of a genuine token, which ECDSA alone would accept', () => {
    const qr = signPassQr(content(), key);
    const [header, payload, signature] = segments(qr);
    const twin = twinSignature(Buffer.from(signature, 'base64url'));
    expect(
      verify(
        'sha256',
        Buffer.from(`${header}.${payload}`),
        { key: key.publicKey, dsaEncoding: 'ieee-p1363' },
        twin,
      ),
    ).toBe(true);
    const respelled = `${PASS_QR_PREFIX}${header}.${payload}.${twin.toString('base64url')}`;
    expect(check(respelled)).toEqual({ ok: false, reason: 'SIGNATURE_INVALID', kid: key.kid });
  });

  it('still verifies a legacy token (43-character kid, jti, iat, high S) until it expires', () => {
    const qr = legacyQr('high');
    expect(hasLowS(Buffer.from(segments(qr)[2], 'base64url'))).toBe(false);
    expect(passQrKeyId(qr)).toBe(legacy.kid);
    const result = check(qr);
    expect(result).toMatchObject({ ok: true, kid: legacy.kid });
    if (result.ok)
      expect(result.claims).toMatchObject({ jti: expect.any(String), iat: NOW - 3600 });
    expect(check(qr, NOW + 3600 + 120)).toMatchObject({ ok: false, reason: 'EXPIRED' });
  });

  it('accepts only the canonical spelling of the signature', () => {
    const qr = signPassQr(content(), key);
    // 64 bytes take 86 characters, whose last 4 bits are padding: flipping the lowest one
    // spells the same bytes, which a lenient decoder would accept as the same signature.
    const respelled = qr.slice(0, -1) + BASE64URL[BASE64URL.indexOf(qr.at(-1) ?? '') ^ 1];
    expect(Buffer.from(respelled.split('.')[2], 'base64url')).toEqual(
      Buffer.from(qr.split('.')[2], 'base64url'),
    );
    expect(check(respelled)).toMatchObject({ ok: false, reason: 'SIGNATURE_INVALID' });
  });

  it('refuses a header in a form the signer never writes, even when it is correctly signed', () => {
    const payload = JSON.stringify({ ...content(), iss: 'epass' });
    const refused = [
      `{"alg":"ES256","kid":"${key.kid}"`, // not JSON
      `["ES256","${key.kid}"]`, // not an object
      `{"alg":"ES384","kid":"${key.kid}"}`,
      `{"kid":"${key.kid}"}`,
      `{"alg":"ES256","kid":"${key.kid}x"}`, // 9 characters
      `{"alg":"ES256","kid":"${key.kid.slice(0, 7)}+"}`, // not base64url
      `{"alg":"ES256","kid":8}`,
    ];
    for (const header of refused) {
      expect({ header, check: check(signRaw(header, payload, key)) }).toEqual({
        header,
        check: { ok: false, reason: 'SIGNATURE_INVALID' },
      });
    }
    // 34 bytes leave 4 padding bits in the last character: set one and the bytes are the same.
    const header = b64(`{"alg":"ES256", "kid":"${key.kid}" }`);
    expect(check(signSegments(header, b64(payload), key)).ok).toBe(true);
    const respelled = header.slice(0, -1) + BASE64URL[BASE64URL.indexOf(header.at(-1) ?? '') ^ 1];
    expect(Buffer.from(respelled, 'base64url')).toEqual(Buffer.from(header, 'base64url'));
    expect(check(signSegments(respelled, b64(payload), key))).toEqual({
      ok: false,
      reason: 'SIGNATURE_INVALID',
    });
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
    const none = `${PASS_QR_PREFIX}${b64(JSON.stringify({ alg: 'none', kid: key.kid }))}.${b64(JSON.stringify({ ...content(), iss: 'epass' }))}.x`;
    expect(check(none)).toMatchObject({ ok: false, reason: 'SIGNATURE_INVALID' });
  });

  it('answers NOT_A_PASS only for what our own key signed that is not a pass', () => {
    const header = JSON.stringify({ alg: 'ES256', kid: key.kid });
    expect(check(signPassQr(content({ pn: 'x' }), key))).toMatchObject({ reason: 'NOT_A_PASS' });
    expect(check(signRaw(header, 'not json', key))).toMatchObject({ reason: 'NOT_A_PASS' });
    expect(check(signRaw(header, '[1,2]', key))).toMatchObject({ reason: 'NOT_A_PASS' });
  });

  it('tells expired from not yet valid, within a leeway that it reports', () => {
    const qr = signPassQr(content({ nbf: NOW, exp: NOW + 100 }), key);
    expect(check(qr, NOW + 100 + 120)).toMatchObject({ ok: false, reason: 'EXPIRED' });
    expect(check(qr, NOW + 150)).toMatchObject({ ok: true, leewayUsedSeconds: 51 });
    expect(check(qr, NOW - 121)).toMatchObject({ ok: false, reason: 'NOT_YET_VALID' });
    expect(check(qr, NOW - 30)).toMatchObject({ ok: true, leewayUsedSeconds: 30 });
  });
});
