import { generateKeyPairSync } from 'node:crypto';
import {
  checkPassQr,
  passKeyId,
  publicJwkOf,
  signPassQr,
  type PassTokenContent,
} from '@app/pass-token';
import { parsePlate } from '@app/domain';
import { judgeScan } from './scan-verdict';

const NOW = 1_750_000_000;
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const key = { kid: passKeyId(publicJwkOf(publicKey)), privateKey };
const content = (over: Partial<PassTokenContent> = {}): PassTokenContent => ({
  pn: '410205000001',
  pl: '豫B12345',
  ec: '91410200MA44111101',
  cg: 'dn',
  t: 12_500,
  o: '410205',
  d: '410102',
  x: 0,
  nbf: NOW - 3600,
  exp: NOW + 3600,
  ...over,
});
const kaifeng = { divisionCode: '410205', corridorDivisions: [] };
const judge = (
  qr: string,
  now = NOW,
  extra: { revoked?: string; plate?: string; trailer?: string } = {},
) =>
  judgeScan(
    checkPassQr(qr, (kid) => (kid === key.kid ? publicKey : undefined), {
      nowSeconds: now,
      leewaySeconds: 120,
    }),
    {
      isRevoked: (pn) => pn === extra.revoked,
      observedPlate: extra.plate,
      observedTrailerPlate: extra.trailer,
      checkpoint: kaifeng,
    },
  );

describe('scan verdict', () => {
  it('accepts a valid pass on its route and reports no leeway', () => {
    expect(judge(signPassQr(content(), key))).toMatchObject({
      reason: null,
      clockLeewaySeconds: 0,
      routeMatch: 'county',
    });
  });

  it('accepts within the clock leeway and reports how much of it was used', () => {
    const qr = signPassQr(content({ nbf: NOW + 90, exp: NOW + 7200 }), key);
    expect(judge(qr)).toMatchObject({ reason: null, clockLeewaySeconds: 90 });
    const ending = signPassQr(content({ exp: NOW - 60 }), key);
    expect(judge(ending)).toMatchObject({ reason: null, clockLeewaySeconds: 61 });
  });

  it('tells expired from not yet valid beyond the leeway, and still shows the pass', () => {
    const expired = judge(signPassQr(content({ exp: NOW - 121 }), key));
    expect(expired.reason).toBe('EXPIRED');
    expect(expired.claims?.pn).toBe('410205000001');
    expect(judge(signPassQr(content({ nbf: NOW + 121 }), key)).reason).toBe('NOT_YET_VALID');
  });

  it('puts revocation (by pass number) before the plate and the plate before the route', () => {
    const c = content({ o: '440106', d: '440106' });
    const qr = signPassQr(c, key);
    expect(judge(qr, NOW, { revoked: c.pn, plate: '京A12345' }).reason).toBe('REVOKED');
    expect(judge(qr, NOW, { revoked: '410205000002', plate: '京A12345' }).reason).toBe(
      'PLATE_MISMATCH',
    );
    expect(judge(qr, NOW, { plate: '京A12345' }).reason).toBe('PLATE_MISMATCH');
    expect(judge(qr, NOW, { plate: '豫B12345' }).reason).toBe('OUTSIDE_ROUTE');
  });

  it("compares a typed trailer plate with the pass's, after the plate and before the route", () => {
    const tractor = signPassQr(content({ pl: '豫B12345', tp: '豫B6789挂' }), key);
    expect(judge(tractor, NOW, { trailer: '豫B6789挂' })).toMatchObject({
      reason: null,
      claims: { tp: '豫B6789挂' },
    });
    expect(judge(tractor, NOW, { trailer: '豫B6788挂' }).reason).toBe('TRAILER_MISMATCH');
    // No typed trailer, no comparison, as with the plate.
    expect(judge(tractor).reason).toBeNull();
    // A pass without a trailer plate does not cover a trailer.
    const solo = signPassQr(content(), key);
    expect(judge(solo, NOW, { trailer: '豫B6789挂' }).reason).toBe('TRAILER_MISMATCH');
    expect(judge(tractor, NOW, { plate: '京A12345', trailer: '豫B0000挂' }).reason).toBe(
      'PLATE_MISMATCH',
    );
    const c = content({ tp: '豫B6789挂' });
    expect(judge(signPassQr(c, key), NOW, { revoked: c.pn, trailer: '豫B0000挂' }).reason).toBe(
      'REVOKED',
    );
    const away = signPassQr(content({ o: '440106', d: '440106', tp: '豫B6789挂' }), key);
    expect(judge(away, NOW, { trailer: '豫B0000挂' }).reason).toBe('TRAILER_MISMATCH');
    expect(judge(away, NOW, { trailer: '豫B6789挂' }).reason).toBe('OUTSIDE_ROUTE');
  });

  it('compares the typed plate with the pass after normalising both', () => {
    // The edge parses what the officer typed; the pass's plate is written as its issuer wrote it.
    const typed = (plate: string) => {
      const parsed = parsePlate(plate);
      if (!parsed.ok) throw new Error(`not a plate: ${plate}`);
      return parsed.plate;
    };
    for (const written of ['豫b 12345', '豫Ｂ１２３４５', '豫B·12345', '豫B12345/豫B6789挂']) {
      const qr = signPassQr(content({ pl: written }), key);
      expect({ written, reason: judge(qr, NOW, { plate: typed('豫 b-12345') }).reason }).toEqual({
        written,
        reason: null,
      });
      expect({ written, reason: judge(qr, NOW, { plate: typed('豫B12346') }).reason }).toEqual({
        written,
        reason: 'PLATE_MISMATCH',
      });
    }
  });
});
