import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { jwkThumbprint, publicJwkOf, signPassQr, type PassTokenContent } from '@app/pass-token';
import {
  applyRevocationDelta,
  canonicalPlate,
  importTrustedKeys,
  parsePassQr,
  verifyPassOffline,
  type VerifyKey,
} from '../../apps/verify-service/web/offline-verify.js';

const NOW = 1_750_000_000;

function newKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicJwkOf(publicKey);
  return { kid: jwkThumbprint(jwk), privateKey, jwk };
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

describe('offline pass verification (scanner page)', () => {
  const key = newKey();
  const otherKey = newKey();
  let keys: Map<string, VerifyKey>;

  beforeAll(async () => {
    // The shape GET /v1/trusted-keys returns.
    keys = await importTrustedKeys([{ kid: key.kid, ...key.jwk, alg: 'ES256', use: 'sig' }]);
  });

  const verify = (
    qr: string,
    options: { nowMs?: number; revoked?: string[]; observedPlate?: string } = {},
  ) =>
    verifyPassOffline(qr, {
      keyFor: (kid: string) => keys.get(kid),
      isRevoked: (id: string) => (options.revoked ?? []).includes(id),
      nowMs: options.nowMs ?? NOW * 1000,
      leewaySeconds: 120,
      observedPlate: options.observedPlate,
    });

  it('accepts a pass signed by a trusted key and shows its details', async () => {
    const claims = content();
    const result = await verify(signPassQr(claims, key));
    expect(result).toMatchObject({
      verdict: 'accepted',
      reason: null,
      offline: true,
      routeChecked: false,
      pass: {
        id: claims.jti,
        passNumber: '410205000001',
        plate: '豫B12345',
        cargoCategory: 'daily_necessities',
        tonnage: '12.500',
        originDivision: '410205',
        destinationDivision: '410102',
        crossProvince: false,
      },
    });
  });

  it('rejects a pass with one changed byte in its signature or payload as SIGNATURE_INVALID', async () => {
    const qr = signPassQr(content(), key);
    const [head, payload, signature] = qr.slice(4).split('.');
    const flip = (s: string, i: number) =>
      s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const badSignature = `EP1:${head}.${payload}.${flip(signature, 10)}`;
    expect((await verify(badSignature)).reason).toBe('SIGNATURE_INVALID');
    // Flip a character that keeps the payload valid JSON: inside the base64 of a claim value.
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...decoded, t: decoded.t + 1 })).toString(
      'base64url',
    );
    expect((await verify(`EP1:${head}.${forged}.${signature}`)).reason).toBe('SIGNATURE_INVALID');
  });

  it('rejects a pass signed by a key it does not hold as UNKNOWN_KEY, not as invalid', async () => {
    const result = await verify(signPassQr(content(), otherKey));
    expect(result.reason).toBe('UNKNOWN_KEY');
    expect(result.pass).toBeNull();
  });

  it('tells expired from not yet valid, beyond the clock leeway only', async () => {
    const qr = signPassQr(content(), key);
    expect((await verify(qr, { nowMs: (NOW + 3600 + 121) * 1000 })).reason).toBe('EXPIRED');
    expect((await verify(qr, { nowMs: (NOW + 3600 + 100) * 1000 })).verdict).toBe('accepted');
    const notYet = await verify(qr, { nowMs: (NOW - 3600 - 121) * 1000 });
    expect(notYet.reason).toBe('NOT_YET_VALID');
    expect(notYet.pass?.passNumber).toBe('410205000001');
  });

  it('rejects a revoked pass from the stored revocation list', async () => {
    const claims = content();
    const list = applyRevocationDelta(
      { version: 0, entries: {} },
      {
        version: 3,
        revoked: [
          {
            passId: claims.jti,
            passNumber: claims.pn,
            validUntil: '2099-01-01T00:00:00.000Z',
            version: 3,
          },
        ],
      },
    );
    expect(list.version).toBe(3);
    const result = await verify(signPassQr(claims, key), { revoked: Object.keys(list.entries) });
    expect(result.reason).toBe('REVOKED');
  });

  it('prunes revocations that expired before removedBefore', () => {
    const list = applyRevocationDelta(
      { version: 2, entries: { a: '2020-01-01T00:00:00Z', b: '2099-01-01T00:00:00Z' } },
      { version: 2, revoked: [], removedBefore: '2021-01-01T00:00:00Z' },
    );
    expect(list.entries).toEqual({ b: '2099-01-01T00:00:00Z' });
  });

  it('compares the observed plate after normalisation, and refuses a different one', async () => {
    const qr = signPassQr(content(), key);
    expect((await verify(qr, { observedPlate: ' 豫ｂ１２３４５ ' })).verdict).toBe('accepted');
    expect((await verify(qr, { observedPlate: '豫b·12345/豫B1234挂' })).verdict).toBe('accepted');
    expect((await verify(qr, { observedPlate: '豫B12346' })).reason).toBe('PLATE_MISMATCH');
    expect(canonicalPlate('豫B 12345')).toBe('豫B12345');
  });

  it('answers NOT_A_PASS for anything that is not an EP1 pass', async () => {
    for (const qr of ['https://example.com', 'EP1:not-a-jws', 'EP1:a.b.c', '']) {
      expect((await verify(qr)).reason).toBe('NOT_A_PASS');
    }
    expect(parsePassQr('EP2:' + signPassQr(content(), key).slice(4))).toBeUndefined();
  });

  it('answers NOT_A_PASS for a correctly signed token whose claims are not a pass', async () => {
    const qr = signPassQr(content({ pn: 'x' }), key);
    expect((await verify(qr)).reason).toBe('NOT_A_PASS');
  });
});
