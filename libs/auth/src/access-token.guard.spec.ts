import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  AuthModule,
  CurrentUser,
  DisabledUsers,
  DisabledUserSource,
  JwksAccessTokenKeys,
  Public,
  Roles,
  type AuthenticatedUser,
} from '@app/auth';
import { HttpErrorFilter } from '@app/platform';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import request from 'supertest';

@Controller()
class ProbeController {
  @Public()
  @Get('open')
  open(): { ok: true } {
    return { ok: true };
  }

  @Roles('official', 'admin')
  @Get('officials-only')
  officials(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }

  @Get('no-roles-declared')
  forgotten(): { ok: true } {
    return { ok: true };
  }
}

/** The ids a service's table would hold; a test flips them, or makes the read fail. */
class SettableSource extends DisabledUserSource {
  ids: string[] = [];
  failing = false;
  reads = 0;

  disabledUserIds(): Promise<string[]> {
    this.reads += 1;
    return this.failing ? Promise.reject(new Error('database down')) : Promise.resolve(this.ids);
  }
}

describe('AccessTokenGuard with keys from a real JWKS endpoint', () => {
  const kid = 'access-key-1';
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  let jwks: Server;
  let jwksHits = 0;
  let app: NestFastifyApplication;
  const source = new SettableSource();

  const sign = (
    claims: object,
    options: jwt.SignOptions = {},
    key: KeyObject = privateKey,
  ): string =>
    jwt.sign(claims, key, {
      algorithm: 'ES256',
      keyid: kid,
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      expiresIn: 60,
      ...options,
    });
  const official = { sub: randomUUID(), usr: 'li.official', role: 'official', ent: null, cp: null };

  beforeAll(async () => {
    jwks = createServer((_, res) => {
      jwksHits += 1;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' }],
        }),
      );
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;

    @Module({
      imports: [
        AuthModule.forRoot(
          { jwksUrl: `http://127.0.0.1:${port}/jwks.json` },
          { disabledUsers: { provide: DisabledUserSource, useValue: source } },
        ),
      ],
      controllers: [ProbeController],
    })
    class ProbeModule {}

    const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    app.useGlobalFilters(new HttpErrorFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  const get = (path: string, token?: string) => {
    const req = request(app.getHttpServer()).get(path);
    return token ? req.set('authorization', `Bearer ${token}`) : req;
  };

  it('lets anyone through a public route', async () => {
    await get('/open').expect(200, { ok: true });
  });

  it('accepts a valid token for an allowed role and exposes the user, with the request it acts in', async () => {
    const res = await get('/officials-only', sign(official)).expect(200);
    expect(res.body).toEqual({
      userId: official.sub,
      username: 'li.official',
      role: 'official',
      enterpriseId: null,
      checkpointCode: null,
      divisionScope: null,
      requestId: expect.any(String),
    });
    // Each request gets its own copy: the cached user of the token is not changed.
    const again = await get('/officials-only', sign(official)).expect(200);
    expect((again.body as { requestId: string }).requestId).not.toBe(
      (res.body as { requestId: string }).requestId,
    );
  });

  it('answers 401 UNAUTHENTICATED without a token', async () => {
    const res = await get('/officials-only').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  });

  it('answers 403 FORBIDDEN for a role the route does not serve', async () => {
    const res = await get(
      '/officials-only',
      sign({ ...official, role: 'enterprise', ent: randomUUID() }),
    ).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('fails closed on a route that declares no roles', async () => {
    await get('/no-roles-declared', sign({ ...official, role: 'admin' })).expect(403);
  });

  it('rejects an expired token with a message that says so', async () => {
    const res = await get('/officials-only', sign(official, { expiresIn: -60 })).expect(401);
    expect(res.body.message).toContain('expired');
  });

  it('rejects alg=none, HS256 keyed with the public key, and a token signed by another key', async () => {
    const none = jwt.sign(official, '', {
      algorithm: 'none',
      keyid: kid,
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
    });
    const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const hs = jwt.sign(official, pem, {
      algorithm: 'HS256',
      keyid: kid,
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
    });
    const forged = sign(official, {}, other.privateKey);
    for (const token of [none, hs, forged]) {
      const res = await get('/officials-only', token).expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
  });

  it('rejects a token for another audience or issuer', async () => {
    await get('/officials-only', sign(official, { audience: 'someone-else' })).expect(401);
    await get('/officials-only', sign(official, { issuer: 'someone-else' })).expect(401);
  });

  it('answers every request that arrives while the first key fetch is under way', async () => {
    const { port } = jwks.address() as AddressInfo;
    const keys = new JwksAccessTokenKeys(`http://127.0.0.1:${port}/jwks.json`);
    const found = await Promise.all(Array.from({ length: 5 }, () => keys.keyFor(kid)));
    expect(found.every((key) => key !== undefined)).toBe(true);
  });

  it('refreshes the key set at most once per interval for unknown kids', async () => {
    const before = jwksHits;
    for (let i = 0; i < 5; i += 1) {
      await get('/officials-only', sign(official, { keyid: `unknown-${i}` })).expect(401);
    }
    expect(jwksHits - before).toBeLessThanOrEqual(1);
  });

  describe('a disabled user', () => {
    const disabled = { ...official, sub: randomUUID(), usr: 'zhao.officer', role: 'official' };

    afterEach(async () => {
      source.ids = [];
      source.failing = false;
      await app.get(DisabledUsers).refresh();
    });

    it('is refused with 401 ACCOUNT_DISABLED, also with a token the guard already verified', async () => {
      const token = sign(disabled);
      await get('/officials-only', token).expect(200); // now in the guard's cache
      source.ids = [disabled.sub];
      await app.get(DisabledUsers).refresh();
      const res = await get('/officials-only', token).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'ACCOUNT_DISABLED' });
      // A token minted afterwards (not cached) is refused the same way; other users are not.
      expect((await get('/officials-only', sign(disabled)).expect(401)).body.code).toBe(
        'ACCOUNT_DISABLED',
      );
      await get('/officials-only', sign(official)).expect(200);
    });

    it('gets back in once enabled again', async () => {
      const token = sign(disabled);
      source.ids = [disabled.sub];
      await app.get(DisabledUsers).refresh();
      await get('/officials-only', token).expect(401);
      source.ids = [];
      await app.get(DisabledUsers).refresh();
      await get('/officials-only', token).expect(200);
    });

    it('stays refused while the list cannot be read, and nobody else is locked out', async () => {
      source.ids = [disabled.sub];
      await app.get(DisabledUsers).refresh();
      source.failing = true;
      const before = source.reads;
      await app.get(DisabledUsers).refresh();
      expect(source.reads).toBe(before + 1);
      await get('/officials-only', sign(disabled)).expect(401);
      await get('/officials-only', sign(official)).expect(200);
    });
  });
});
