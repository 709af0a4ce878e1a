import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseTopicEvent, PASS_QR_PREFIX, Topic, type TopicEvent } from '@app/contracts';
import {
  checkPassQr,
  jwkThumbprint,
  passKeyId,
  publicJwkOf,
  publicKeyFromJwk,
  type EcPublicJwk,
} from '@app/pass-token';
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import { signLegacyPassQr } from '../../../test/support/legacy-pass-token';
import { waitFor, withPg } from '../../../test/support/test-env';
import { KeyEncryption } from '../src/signing-keys/key-encryption';
import { SigningKeyStore } from '../src/signing-keys/signing-key.store';
import { SigningKeysRepository } from '../src/signing-keys/signing-keys.repository';
import { TopicReader } from '../../../test/support/topic-reader';
import {
  ADMIN,
  application,
  bearer,
  http,
  login,
  registerActiveEnterprise,
  restartPassService,
  staffToken,
  startPassService,
  type TestEnterprise,
} from './pass-harness';

type Jwk = EcPublicJwk & { kid: string; use: string; alg: string };

describe('pass-service tokens, keys, QR and events', () => {
  let app: NestFastifyApplication;
  let admin: string;
  let official: string;
  let enterprise: TestEnterprise;
  let reader: TopicReader;

  beforeAll(async () => {
    app = await startPassService();
    reader = await new TopicReader(Topic.Pass).start();
    admin = await login(app, ADMIN.username, ADMIN.password);
    official = await staffToken(app, 'official', admin);
    enterprise = await registerActiveEnterprise(app, '410202');
  });

  afterAll(async () => {
    await reader?.stop();
    await app?.close();
  });

  const issue = async (overrides: Record<string, unknown> = {}) =>
    (
      await http(app)
        .post('/v1/passes')
        .set(bearer(enterprise.token))
        .send(application(overrides))
        .expect(201)
    ).body as { id: string; passNumber: string; token: string; kid: string; plate: string };

  const jwks = async (): Promise<Map<string, KeyObject>> => {
    const res = await http(app).get('/.well-known/jwks.json').expect(200);
    return new Map((res.body.keys as Jwk[]).map((k) => [k.kid, publicKeyFromJwk(k)]));
  };

  const check = (qr: string, keys: Map<string, KeyObject>) =>
    checkPassQr(qr, (kid) => keys.get(kid), {
      nowSeconds: Math.floor(Date.now() / 1000),
      leewaySeconds: 60,
    });

  const eventsFor = (key: string): TopicEvent<Topic.Pass>[] =>
    reader.messages
      .filter((m) => m.key === key)
      .map((m) => {
        const parsed = parseTopicEvent(Topic.Pass, JSON.parse(m.value));
        if (!parsed.ok) throw new Error(parsed.error);
        return parsed.event;
      });

  describe('the pass token', () => {
    it('verifies with the key from /.well-known/jwks.json and carries the pass in short claims', async () => {
      const pass = await issue({ plate: '豫B7C9K2', tonnage: '31.25', cargoCategory: 'medical' });
      // The QR text of a realistic pass, reported in docs/pass-service.md.
      process.stdout.write(
        `pass token length: ${pass.token.length} characters (QR text incl. ${PASS_QR_PREFIX}), QR version ${QRCode.create(pass.token, { errorCorrectionLevel: 'M' }).version} (M)\n`,
      );
      expect(pass.token.length).toBeLessThan(400);
      const result = check(pass.token, await jwks());
      expect(result).toMatchObject({
        ok: true,
        kid: pass.kid,
        claims: {
          pn: pass.passNumber,
          pl: '豫B7C9K2',
          ec: enterprise.creditCode,
          cg: 'md',
          t: 31250,
          o: '410202',
          d: '410102',
          x: 0,
          iss: 'epass',
        },
      });
      // The pass number identifies the pass: no pass id, no iat.
      const payload = JSON.parse(
        Buffer.from(pass.token.split('.')[1], 'base64url').toString('utf8'),
      ) as object;
      expect(Object.keys(payload).sort()).toEqual(
        ['cg', 'd', 'ec', 'exp', 'iss', 'nbf', 'o', 'pl', 'pn', 't', 'x'].sort(),
      );
      const header = jwt.decode(pass.token.slice(PASS_QR_PREFIX.length), {
        complete: true,
      })?.header;
      expect(header).toEqual({ alg: 'ES256', kid: pass.kid });
      expect(pass.kid).toMatch(/^[A-Za-z0-9_-]{8}$/);
    });

    it('fails verification when any single byte of the token changes', async () => {
      const pass = await issue();
      const keys = await jwks();
      const body = pass.token.slice(PASS_QR_PREFIX.length);
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      expect(check(pass.token, keys).ok).toBe(true);
      for (let i = 0; i < body.length; i++) {
        if (body[i] === '.') continue;
        // Flip the character's top bit: the last character of a segment also carries padding bits, which decoders ignore.
        const flipped = alphabet[alphabet.indexOf(body[i]) ^ 32];
        const tampered = PASS_QR_PREFIX + body.slice(0, i) + flipped + body.slice(i + 1);
        // Never NOT_A_PASS: the claims are read only after the signature holds.
        const result = check(tampered, keys);
        const reason = result.ok ? 'accepted' : result.reason;
        expect({ i, forged: ['SIGNATURE_INVALID', 'UNKNOWN_KEY'].includes(reason) }).toEqual({
          i,
          forged: true,
        });
      }
      expect(check(`EP2:${body}`, keys).ok).toBe(false);
    });

    it('serves the JWKS with cache headers and answers a matching ETag with 304', async () => {
      const res = await http(app).get('/.well-known/jwks.json').expect(200);
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      expect(res.headers.etag).toMatch(/^".+"$/);
      for (const key of res.body.keys as Jwk[]) {
        expect(key).toEqual({
          kty: 'EC',
          crv: 'P-256',
          x: expect.any(String),
          y: expect.any(String),
          kid: expect.any(String),
          use: 'sig',
          alg: 'ES256',
        });
      }
      await http(app)
        .get('/.well-known/jwks.json')
        .set('if-none-match', res.headers.etag)
        .expect(304);
    });
  });

  describe('key rotation', () => {
    it('activates a new key; passes signed by the old one still verify, new passes use the new one', async () => {
      const before = await issue();
      await http(app).post('/v1/signing-keys/rotate').set(bearer(official)).expect(403);
      const rotated = await http(app)
        .post('/v1/signing-keys/rotate')
        .set(bearer(admin))
        .expect(200);
      expect(rotated.body).toEqual({ kid: expect.any(String), retiredKid: before.kid });

      const after = await issue();
      expect(after.kid).toBe(rotated.body.kid);
      const keys = await jwks();
      expect([...keys.keys()].sort()).toEqual([before.kid, after.kid].sort());
      expect(check(before.token, keys).ok).toBe(true);
      expect(check(after.token, keys).ok).toBe(true);

      const activated = await waitFor(
        () => eventsFor(rotated.body.kid as string).find((e) => e.type === 'signing-key.activated'),
        'signing-key.activated on the topic',
      );
      expect(activated.data).toMatchObject({
        kid: rotated.body.kid,
        publicJwk: { kty: 'EC', crv: 'P-256' },
      });
    });

    it('keeps access tokens working across a pass-key rotation', async () => {
      await http(app).get('/v1/passes').set(bearer(enterprise.token)).expect(200);
    });

    it('rotates an active pass key with a legacy full-thumbprint kid at start-up; its passes keep verifying', async () => {
      // The state an upgrade finds: the active pass key named by its whole thumbprint.
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const legacyKid = jwkThumbprint(publicJwkOf(privateKey));
      const sealed = app.get(KeyEncryption).encrypt(privateKey, legacyKid);
      await withPg(async (c) => {
        await c.query(`UPDATE pass.signing_keys SET status = 'retired', retired_at = now()
                       WHERE purpose = 'pass' AND status = 'active'`);
        await c.query(
          `INSERT INTO pass.signing_keys (kid, purpose, public_jwk, private_key_encrypted, status)
           VALUES ($1, 'pass', $2, $3, 'active')`,
          [legacyKid, JSON.stringify(publicJwkOf(privateKey)), sealed],
        );
      });
      await app.get(SigningKeyStore).reload();
      const before = await issue();
      expect(before.kid).toBe(legacyKid);
      const signed = check(before.token, await jwks());
      if (!signed.ok) throw new Error(`the pass under the legacy kid is ${signed.reason}`);
      // The same pass as the old signer wrote its QR: pass id, iat, and a high S.
      const oldToken = signLegacyPassQr(
        { ...signed.claims, jti: before.id, iat: Math.floor(Date.now() / 1000) },
        { kid: legacyKid, privateKey },
        'high',
      );

      app = await restartPassService(app);

      const after = await issue();
      expect(after.kid).toMatch(/^[A-Za-z0-9_-]{8}$/);
      const keys = await jwks();
      expect(keys.has(legacyKid)).toBe(true);
      for (const token of [before.token, oldToken, after.token])
        expect(check(token, keys)).toMatchObject({ ok: true });
      const stored = await withPg((c) =>
        c.query(`SELECT status FROM pass.signing_keys WHERE kid = $1`, [legacyKid]),
      );
      expect(stored.rows).toEqual([{ status: 'retired' }]);
      await waitFor(
        () => eventsFor(after.kid).find((e) => e.type === 'signing-key.activated'),
        'signing-key.activated for the short-kid key',
      );
    });

    it('throws a new pass key away when its short kid is taken, even by the start of a legacy kid', async () => {
      const dataSource = app.get(DataSource);
      const repository = app.get(SigningKeysRepository);
      const active = app.get(SigningKeyStore).activeKey('pass');
      const legacy = await withPg((c) =>
        c.query<{ kid: string }>(
          `SELECT kid FROM pass.signing_keys WHERE purpose = 'pass' AND length(kid) = 43`,
        ),
      );
      expect(legacy.rows.length).toBeGreaterThan(0);
      const legacyKey = app
        .get(KeyEncryption)
        .decrypt(
          (
            await withPg((c) =>
              c.query<{ private_key_encrypted: string }>(
                'SELECT private_key_encrypted FROM pass.signing_keys WHERE kid = $1',
                [legacy.rows[0].kid],
              ),
            )
          ).rows[0].private_key_encrypted,
          legacy.rows[0].kid,
        );
      const fresh = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
      const draws = [active.privateKey, legacyKey, fresh];
      let drawn = 0;
      const rolledBack = new Error('roll back');
      let kid = '';
      await expect(
        dataSource.transaction(async (manager) => {
          await repository.lockKeyChanges(manager);
          await repository.retireActive(manager, 'pass');
          kid = await repository.createActive(manager, 'pass', 'test', () => draws[drawn++]);
          throw rolledBack;
        }),
      ).rejects.toBe(rolledBack);
      expect(drawn).toBe(3);
      expect(kid).toBe(passKeyId(publicJwkOf(fresh)));
      expect(app.get(SigningKeyStore).activeKey('pass').kid).toBe(active.kid);
    });
  });

  describe('events on the real topic', () => {
    it('publishes pass.issued and pass.revoked exactly once each, with valid envelopes', async () => {
      const pass = await issue();
      await http(app)
        .post(`/v1/passes/${pass.id}/revoke`)
        .set(bearer(enterprise.token))
        .send({ reason: '运输任务取消' })
        .expect(200);
      await waitFor(
        () => eventsFor(pass.id).length >= 2,
        'pass.issued and pass.revoked on the topic',
      );
      // The relay deletes a row only after Kafka acknowledged it: once both rows are gone, any
      // second copy is on the topic, and the reader has read up to its end.
      await waitFor(async () => {
        const left = await withPg((pg) =>
          pg.query('SELECT 1 FROM pass.outbox WHERE key = $1 LIMIT 1', [pass.id]),
        );
        return left.rows.length === 0;
      }, "pass.issued and pass.revoked to leave pass-service's outbox");
      await reader.caughtUp();
      const events = eventsFor(pass.id);
      expect(events.map((e) => e.type)).toEqual(['pass.issued', 'pass.revoked']);
      const [issued, revoked] = events;
      expect(issued).toMatchObject({
        producer: 'pass-service',
        key: pass.id,
        version: 1,
        data: {
          passId: pass.id,
          passNumber: pass.passNumber,
          plate: pass.plate,
          enterpriseId: enterprise.id,
          enterpriseCreditCode: enterprise.creditCode,
          tonnageKg: 12500,
          crossProvince: false,
          kid: pass.kid,
        },
      });
      expect(revoked.data).toMatchObject({
        passId: pass.id,
        reason: '运输任务取消',
        revokedByRole: 'enterprise',
      });
    });

    it('publishes pass.issued for a reviewed pass only when it is approved', async () => {
      const applied = (
        await http(app)
          .post('/v1/passes')
          .set(bearer(enterprise.token))
          .send(application({ destinationDivision: '320102' }))
          .expect(201)
      ).body as { id: string };
      // A pass issued after the application: its pass.issued is published after anything the
      // application could have written (one relay, in outbox order).
      const sentinel = await issue();
      await waitFor(() => eventsFor(sentinel.id)[0], 'the pass.issued of a later pass');
      await reader.caughtUp();
      expect(eventsFor(applied.id)).toEqual([]);
      await http(app).post(`/v1/passes/${applied.id}/approve`).set(bearer(official)).expect(200);
      const issued = await waitFor(() => eventsFor(applied.id)[0], 'pass.issued after approval');
      expect(issued.data).toMatchObject({ crossProvince: true, destinationDivision: '320102' });
    });
  });

  describe('QR and print', () => {
    it('renders the QR as SVG and PNG with long private caching and an ETag', async () => {
      const pass = await issue();
      const svg = await http(app)
        .get(`/v1/passes/${pass.id}/qr.svg`)
        .set(bearer(enterprise.token))
        .expect(200);
      expect(svg.headers['content-type']).toContain('image/svg+xml');
      expect(svg.headers['cache-control']).toBe('private, max-age=31536000, immutable');
      expect(String(svg.body)).toContain('<svg');
      await http(app)
        .get(`/v1/passes/${pass.id}/qr.svg`)
        .set(bearer(enterprise.token))
        .set('if-none-match', svg.headers.etag)
        .expect(304);

      const png = await http(app)
        .get(`/v1/passes/${pass.id}/qr.png`)
        .set(bearer(official))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(png.headers['content-type']).toBe('image/png');
      expect((png.body as Buffer).subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.headers.etag).not.toBe(svg.headers.etag);
    });

    it('prints an A4 page with the QR, plate, route, validity, cargo and number in Chinese and English', async () => {
      const pass = await issue({ cargoCategory: 'agricultural', cargoDescription: '<b>化肥</b>' });
      const res = await http(app)
        .get(`/v1/passes/${pass.id}/print`)
        .set(bearer(enterprise.token))
        .expect(200);
      expect(res.headers['content-type']).toContain('text/html');
      const html = res.text;
      for (const text of [
        pass.passNumber,
        pass.plate,
        'size: A4',
        '<svg',
        '开封市',
        '农业生产资料',
        'Agricultural inputs',
        '有效期',
        'Valid',
        'Asia/Shanghai',
      ]) {
        expect(html).toContain(text);
      }
      expect(html).toContain('&lt;b&gt;化肥&lt;/b&gt;');
      expect(html).not.toContain('<b>化肥</b>');

      // The portal writes this page into a pop-up that inherits the portal's CSP: its one style
      // sheet must be allowed there by hash, and it may carry no script at all.
      expect(html).not.toMatch(/<script|\son\w+=|\sstyle=/i);
      const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
      expect(styles).toHaveLength(1);
      const hash = createHash('sha256').update(styles[0], 'utf8').digest('base64');
      const portal = await http(app).get('/').expect(200);
      const styleSrc = /(?:^|;\s*)style-src ([^;]*)/.exec(
        portal.headers['content-security-policy'],
      );
      expect(styleSrc?.[1].split(' ')).toContain(`'sha256-${hash}'`);
    });

    it('has no QR for a revoked pass', async () => {
      const pass = await issue();
      await http(app)
        .post(`/v1/passes/${pass.id}/revoke`)
        .set(bearer(official))
        .send({ reason: 'x' })
        .expect(200);
      const res = await http(app)
        .get(`/v1/passes/${pass.id}/qr.svg`)
        .set(bearer(enterprise.token))
        .expect(409);
      expect(res.body.code).toBe('PASS_STATE_CONFLICT');
    });
  });
});
