import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import {
  checkPassQr,
  hasLowS,
  passKeyId,
  publicJwkOf,
  publicKeyFromJwk,
  signPassQr,
  twinSignature,
  type PassSigningKey,
  type PassTokenContent,
} from '@app/pass-token';
import {
  applyRevocationDelta,
  canonicalPlate,
  checkPassQrOffline,
  headerKid,
  importTrustedKeys,
  parsePassQr,
  verdictTone,
  verifyPassOffline,
  type VerifyKey,
} from '../../apps/verify-service/web/offline-verify.js';
import { legacyPassKey, signLegacyPassQr } from '../support/legacy-pass-token';

const NOW = 1_750_000_000;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function newKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicJwkOf(publicKey);
  return { kid: passKeyId(jwk), privateKey, jwk };
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
const segments = (qr: string) => qr.slice(4).split('.');

/** A QR over any header and payload text, signed (low-S) by `key`. */
function signRaw(headerText: string, payloadText: string, key: PassSigningKey): string {
  const input = `${b64(headerText)}.${b64(payloadText)}`;
  let signature: Buffer = sign('sha256', Buffer.from(input), {
    key: key.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  if (!hasLowS(signature)) signature = twinSignature(signature);
  return `EP1:${input}.${signature.toString('base64url')}`;
}

describe('offline pass verification (scanner page)', () => {
  const key = newKey();
  const otherKey = newKey();
  const legacy = legacyPassKey();
  let keys: Map<string, VerifyKey>;

  beforeAll(async () => {
    // The shape GET /v1/trusted-keys returns.
    keys = await importTrustedKeys([
      { kid: key.kid, ...key.jwk, alg: 'ES256', use: 'sig' },
      { kid: legacy.kid, ...legacy.jwk, alg: 'ES256', use: 'sig' },
    ]);
  });

  const verify = (
    qr: string,
    options: { nowMs?: number; revoked?: string[]; observedPlate?: string; trailer?: string } = {},
  ) =>
    verifyPassOffline(qr, {
      keyFor: (kid: string) => keys.get(kid),
      isRevoked: (passNumber: string) => (options.revoked ?? []).includes(passNumber),
      nowMs: options.nowMs ?? NOW * 1000,
      leewaySeconds: 120,
      observedPlate: options.observedPlate,
      trailerPlate: options.trailer,
    });

  /** The server's verdict on the same QR, with the same keys. */
  const serverCheck = (qr: string) => {
    const publicKeys = new Map([
      [key.kid, publicKeyFromJwk(key.jwk)],
      [legacy.kid, publicKeyFromJwk(legacy.jwk)],
    ]);
    const check = checkPassQr(qr, (kid) => publicKeys.get(kid), {
      nowSeconds: NOW,
      leewaySeconds: 120,
    });
    return check.ok ? 'accepted' : check.reason;
  };

  it('accepts a pass signed by a trusted key and shows its details', async () => {
    const result = await verify(signPassQr(content(), key));
    expect(result).toMatchObject({
      verdict: 'accepted',
      reason: null,
      kid: key.kid,
      offline: true,
      routeChecked: false,
      pass: {
        id: null,
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

  it('calls every single-character change of a genuine pass a forgery (or, for a changed kid, an unknown key), as the server does', async () => {
    const qr = signPassQr(content(), key);
    const token = qr.slice(4);
    const headerLength = token.indexOf('.');
    const seen = new Set<string>();
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      // In the header every other base64url character (it is refused before any signature
      // check); in the payload and signature each of the 6 single-bit changes, since WebCrypto
      // in Node verifies about 20 times slower than the server's node:crypto, which the unit
      // spec of libs/pass-token runs over all 63 at every position.
      const index = BASE64URL.indexOf(token[i]);
      const substitutes =
        i < headerLength
          ? [...BASE64URL].filter((c) => c !== token[i])
          : [1, 2, 4, 8, 16, 32].map((bit) => BASE64URL[index ^ bit]);
      const verdicts = await Promise.all(
        substitutes.map(async (c) => {
          const tampered = `EP1:${token.slice(0, i)}${c}${token.slice(i + 1)}`;
          const check = await checkPassQrOffline(tampered, (kid) => keys.get(kid), {
            nowSeconds: NOW,
            leewaySeconds: 120,
          });
          const reason = check.ok ? 'accepted' : check.reason;
          return { tampered, reason };
        }),
      );
      for (const { tampered, reason } of verdicts) {
        seen.add(reason);
        const kid = headerKid(segments(tampered)[0]);
        const expected = kid !== undefined && kid !== key.kid ? 'UNKNOWN_KEY' : 'SIGNATURE_INVALID';
        expect({ i, reason, server: serverCheck(tampered) }).toEqual({
          i,
          reason: expected,
          server: expected,
        });
      }
    }
    expect([...seen].sort()).toEqual(['SIGNATURE_INVALID', 'UNKNOWN_KEY']);
  });

  it('calls a re-encoded payload with a raised tonnage a forgery, not "not a pass"', async () => {
    const [head, payload, signature] = segments(signPassQr(content(), key));
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { t: number };
    const raised = b64(JSON.stringify({ ...decoded, t: decoded.t + 1 }));
    expect((await verify(`EP1:${head}.${raised}.${signature}`)).reason).toBe('SIGNATURE_INVALID');
    const broken = b64('{"t":1');
    expect((await verify(`EP1:${head}.${broken}.${signature}`)).reason).toBe('SIGNATURE_INVALID');
  });

  it('refuses the twin signature (r, n − s) of a genuine pass, which WebCrypto alone accepts', async () => {
    const [head, payload, signature] = segments(signPassQr(content(), key));
    const twin = twinSignature(Buffer.from(signature, 'base64url'));
    const subtle = globalThis.crypto.subtle;
    const cryptoKey = keys.get(key.kid) as Parameters<typeof subtle.verify>[1];
    expect(
      await subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        cryptoKey,
        twin,
        new TextEncoder().encode(`${head}.${payload}`),
      ),
    ).toBe(true);
    const result = await verify(`EP1:${head}.${payload}.${twin.toString('base64url')}`);
    expect(result).toMatchObject({ verdict: 'rejected', reason: 'SIGNATURE_INVALID', pass: null });
  });

  it('refuses a respelled signature whose bytes are the same', async () => {
    const qr = signPassQr(content(), key);
    const respelled = qr.slice(0, -1) + BASE64URL[BASE64URL.indexOf(qr.at(-1) ?? '') ^ 1];
    expect((await verify(respelled)).reason).toBe('SIGNATURE_INVALID');
  });

  it('still accepts a legacy pass (43-character kid, pass id, iat, high S) and shows its id', async () => {
    const jti = randomUUID();
    const qr = signLegacyPassQr({ ...content(), jti, iat: NOW - 3600 }, legacy, 'high');
    const result = await verify(qr);
    expect(result).toMatchObject({ verdict: 'accepted', kid: legacy.kid, pass: { id: jti } });
  });

  it('refuses a header in a form the signer never writes, even when correctly signed', async () => {
    const payload = JSON.stringify({ ...content(), iss: 'epass' });
    for (const header of [
      `{"alg":"ES256","kid":"${key.kid}"`,
      `{"alg":"ES384","kid":"${key.kid}"}`,
      `{"alg":"ES256","kid":"${key.kid}x"}`,
      `{"alg":"ES256"}`,
    ]) {
      expect({ header, reason: (await verify(signRaw(header, payload, key))).reason }).toEqual({
        header,
        reason: 'SIGNATURE_INVALID',
      });
    }
    expect((await verify(`EP1:${b64('{"alg":"none"}')}.${b64(payload)}.x`)).reason).toBe(
      'SIGNATURE_INVALID',
    );
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

  it('rejects a revoked pass, new or legacy, by its number from the stored revocation list', async () => {
    const revokedNew = content({ pn: '410205000007' });
    const revokedLegacy = { ...content({ pn: '410205000008' }), jti: randomUUID(), iat: NOW };
    const list = applyRevocationDelta(
      { version: 0, entries: {} },
      {
        version: 3,
        revoked: [revokedNew, revokedLegacy].map((c, i) => ({
          passId: randomUUID(),
          passNumber: c.pn,
          validUntil: '2099-01-01T00:00:00.000Z',
          version: 2 + i,
        })),
      },
    );
    expect(list).toEqual({
      version: 3,
      entries: {
        '410205000007': '2099-01-01T00:00:00.000Z',
        '410205000008': '2099-01-01T00:00:00.000Z',
      },
    });
    const revoked = Object.keys(list.entries);
    expect((await verify(signPassQr(revokedNew, key), { revoked })).reason).toBe('REVOKED');
    const legacyQr = signLegacyPassQr(revokedLegacy, legacy);
    expect((await verify(legacyQr, { revoked })).reason).toBe('REVOKED');
    expect((await verify(signPassQr(content(), key), { revoked })).verdict).toBe('accepted');
  });

  it('prunes revocations that expired before removedBefore', () => {
    const list = applyRevocationDelta(
      {
        version: 2,
        entries: { '410205000001': '2020-01-01T00:00:00Z', '410205000002': '2099-01-01T00:00:00Z' },
      },
      { version: 2, revoked: [], removedBefore: '2021-01-01T00:00:00Z' },
    );
    expect(list.entries).toEqual({ '410205000002': '2099-01-01T00:00:00Z' });
  });

  it('compares the observed plate after normalisation, and refuses a different one', async () => {
    const qr = signPassQr(content(), key);
    expect((await verify(qr, { observedPlate: ' 豫ｂ１２３４５ ' })).verdict).toBe('accepted');
    expect((await verify(qr, { observedPlate: '豫b·12345/豫B1234挂' })).verdict).toBe('accepted');
    expect((await verify(qr, { observedPlate: '豫B12346' })).reason).toBe('PLATE_MISMATCH');
    expect(canonicalPlate('豫B 12345')).toBe('豫B12345');
  });

  it("compares a typed trailer plate with the pass's as the server does (TRAILER_MISMATCH)", async () => {
    const tractor = signPassQr({ ...content(), tp: '豫B6789挂' }, key);
    const accepted = await verify(tractor, { trailer: ' 豫ｂ６７８９挂 ' });
    expect(accepted).toMatchObject({ verdict: 'accepted', pass: { trailerPlate: '豫B6789挂' } });
    expect((await verify(tractor, { trailer: '豫B6788挂' })).reason).toBe('TRAILER_MISMATCH');
    expect(
      (await verify(tractor, { observedPlate: '豫B12346', trailer: '豫B0000挂' })).reason,
    ).toBe('PLATE_MISMATCH');
    const solo = signPassQr(content(), key);
    expect((await verify(solo)).pass?.trailerPlate).toBeNull();
    expect((await verify(solo, { trailer: '豫B6789挂' })).reason).toBe('TRAILER_MISMATCH');
    // A token whose trailer claim is not a short string is not a pass this scanner understands.
    expect((await verify(signPassQr({ ...content(), tp: 'x'.repeat(17) }, key))).reason).toBe(
      'NOT_A_PASS',
    );
    expect(serverCheck(signPassQr({ ...content(), tp: 'x'.repeat(17) }, key))).toBe('NOT_A_PASS');
  });

  it('answers NOT_A_PASS for anything that is not shaped like an EP1 pass', async () => {
    for (const qr of ['https://example.com', 'EP1:not-a-jws', 'EP1:a.b.c!', '']) {
      expect((await verify(qr)).reason).toBe('NOT_A_PASS');
    }
    expect(parsePassQr('EP2:' + signPassQr(content(), key).slice(4))).toBeUndefined();
  });

  it('answers NOT_A_PASS only for what a trusted key signed that is not a pass', async () => {
    const header = JSON.stringify({ alg: 'ES256', kid: key.kid });
    expect((await verify(signPassQr(content({ pn: 'x' }), key))).reason).toBe('NOT_A_PASS');
    expect((await verify(signRaw(header, 'not json', key))).reason).toBe('NOT_A_PASS');
    const wrongIssuer = JSON.stringify({ ...content(), iss: 'someone' });
    expect((await verify(signRaw(header, wrongIssuer, key))).reason).toBe('NOT_A_PASS');
  });

  it('shows an unknown key red while the keys are fresh, amber only when they are stale', async () => {
    const offline = await verify(signPassQr(content(), otherKey));
    expect(verdictTone(offline, { listsStale: false, skewMs: 0 })).toBe('rejected');
    expect(verdictTone(offline, { listsStale: true, skewMs: 0 })).toBe('warn');
    // Online, verify-service's own key list decides, as it reports it.
    const checkedAt = '2026-05-01T08:00:00.000Z';
    const online = (keysSyncedAt: string | null) => ({
      verdict: 'rejected' as const,
      reason: 'UNKNOWN_KEY',
      checkedAt,
      keysSyncedAt,
    });
    expect(verdictTone(online('2026-05-01T07:59:00.000Z'), { listsStale: true, skewMs: 0 })).toBe(
      'rejected',
    );
    expect(verdictTone(online('2026-05-01T07:30:00.000Z'), { listsStale: false, skewMs: 0 })).toBe(
      'warn',
    );
    expect(verdictTone(online(null), { listsStale: false, skewMs: 0 })).toBe('warn');
    // A forgery is red however old the lists are.
    const [head, payload, signature] = segments(signPassQr(content(), key));
    const twin = twinSignature(Buffer.from(signature, 'base64url')).toString('base64url');
    const forged = await verify(`EP1:${head}.${payload}.${twin}`);
    expect(verdictTone(forged, { listsStale: true, skewMs: 0 })).toBe('rejected');
    const accepted = await verify(signPassQr(content(), key));
    expect(verdictTone(accepted, { listsStale: false, skewMs: 0 })).toBe('accepted');
    expect(verdictTone(accepted, { listsStale: true, skewMs: 0 })).toBe('warn');
  });
});
