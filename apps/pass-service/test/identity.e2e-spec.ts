import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '@app/auth';
import { createPublicKey, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import request, { type Response } from 'supertest';
import { serviceApps } from '../../../test/support/service-apps';
import { dropSchema, withPg } from '../../../test/support/test-env';
import { loadPassServiceConfig } from '../src/config/pass-service.config';
import { AttemptCounters } from '../src/identity/attempt-counters';
import { loginBuckets } from '../src/identity/login-rate-limiter';
import { PasswordHasher } from '../src/identity/password-hasher';
import {
  ADMIN,
  bearer,
  http,
  login,
  randomCreditCode,
  registerEnterprise,
  startPassService,
  staffToken,
} from './pass-harness';

describe('pass-service identity: registration, login, users, access tokens', () => {
  let app: NestFastifyApplication;
  let adminToken: string;

  beforeAll(async () => {
    app = await startPassService({ LOGIN_MAX_FAILURES_PER_USER_AND_IP: '3' });
    adminToken = await login(app, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await app?.close();
  });

  const registration = (overrides: Record<string, unknown> = {}) => ({
    name: '开封测试物流有限公司',
    creditCode: randomCreditCode(),
    divisionCode: '410202',
    contactName: '张经理',
    contactPhone: '13800138000',
    username: `ent-${Math.random().toString(36).slice(2, 10)}`,
    password: 'Enterprise-pass-1',
    ...overrides,
  });

  describe('POST /v1/enterprises', () => {
    it.each([
      ['Huawei', '914403001922038216', '440307'],
      ['Tencent', '91440300708461136T', '440305'],
      ['Xiaomi', '91110108551385082Q', '110108'],
    ])('registers %s under its real credit code', async (_, creditCode, divisionCode) => {
      const res = await http(app)
        .post('/v1/enterprises')
        .send(registration({ creditCode, divisionCode }))
        .expect(201);
      expect(res.body).toMatchObject({ creditCode, divisionCode, id: expect.any(String) });
      expect(res.body).not.toHaveProperty('password');
    });

    it('normalises a full-width, lower-case credit code typed with a Chinese IME', async () => {
      const code = randomCreditCode().replace(/.$/, (c) => c);
      const typed = ` ${code.slice(0, 17)}${code.slice(17).toLowerCase()} `.replace(/9/g, '９');
      const res = await http(app)
        .post('/v1/enterprises')
        .send(registration({ creditCode: typed }))
        .expect(201);
      expect(res.body.creditCode).toBe(code);
    });

    it.each([
      ['a wrong check character', '914403001922038217'],
      ['two swapped digits', '914403001922038126'],
      ['one digit short', '91440300192203821'],
      ['a letter GB 32100 never uses', '91440300192203821I'],
      ['an unknown registration authority', 'Z14403001922038216'],
    ])('refuses a near-miss credit code: %s', async (_, creditCode) => {
      const res = await http(app)
        .post('/v1/enterprises')
        .send(registration({ creditCode }))
        .expect(400);
      expect(res.body.code).toBe('CREDIT_CODE_INVALID');
    });

    it.each([
      ['an unknown code', '419999'],
      ['a city, not a county', '410200'],
      ['a province', '410000'],
      ['not a code at all', 'Kaifeng'],
    ])('refuses a division that is %s', async (_, divisionCode) => {
      const res = await http(app)
        .post('/v1/enterprises')
        .send(registration({ divisionCode }))
        .expect(400);
      expect(res.body.code).toBe('DIVISION_UNKNOWN');
    });

    it('refuses a second enterprise with the same credit code, and leaves no user behind', async () => {
      const first = registration();
      await http(app).post('/v1/enterprises').send(first).expect(201);
      const again = registration({ creditCode: first.creditCode });
      const res = await http(app).post('/v1/enterprises').send(again).expect(409);
      expect(res.body.code).toBe('ENTERPRISE_EXISTS');
      const login = await http(app)
        .post('/v1/auth/login')
        .send({ username: again.username, password: again.password })
        .expect(401);
      expect(login.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('refuses a taken username and rolls the enterprise back', async () => {
      const first = registration();
      await http(app).post('/v1/enterprises').send(first).expect(201);
      const second = registration({ username: first.username.toUpperCase() });
      const res = await http(app).post('/v1/enterprises').send(second).expect(409);
      expect(res.body.code).toBe('USERNAME_TAKEN');
      expect(res.body.message).not.toContain(first.username);
      // The enterprise was not kept: the same credit code registers fine with a free username.
      await http(app)
        .post('/v1/enterprises')
        .send({ ...second, username: `${first.username}x` })
        .expect(201);
    });

    it('refuses unknown fields, a bad phone and a short password with stable codes', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ surprise: 1 }, 'UNKNOWN_FIELD'],
        [{ contactPhone: '12345' }, 'PHONE_INVALID'],
        [{ password: 'short' }, 'VALIDATION_FAILED'],
        [{ name: 'x' }, 'ENTERPRISE_NAME_INVALID'],
        [{ name: '开封\u202e司公流物' }, 'TEXT_INVALID'],
        [{ contactName: '王\u0007' }, 'TEXT_INVALID'],
        [{ contactName: '\u2066王' }, 'TEXT_INVALID'],
      ];
      for (const [overrides, code] of cases) {
        const res = await http(app)
          .post('/v1/enterprises')
          .send(registration(overrides))
          .expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, code });
      }
    });
  });

  describe('POST /v1/auth/login', () => {
    it('issues an ES256 access token that the published access JWKS verifies', async () => {
      const enterprise = await registerEnterprise(app);
      const res = await http(app).get('/.well-known/access-token-jwks.json').expect(200);
      const decoded = jwt.decode(enterprise.token, { complete: true });
      expect(decoded?.header).toMatchObject({ alg: 'ES256', kid: expect.any(String) });
      const jwk = (res.body.keys as { kid: string }[]).find((k) => k.kid === decoded?.header.kid);
      expect(jwk).toBeDefined();
      const claims = jwt.verify(
        enterprise.token,
        createPublicKey({ key: jwk as never, format: 'jwk' }),
        {
          algorithms: ['ES256'],
          issuer: ACCESS_TOKEN_ISSUER,
          audience: ACCESS_TOKEN_AUDIENCE,
        },
      ) as Record<string, unknown>;
      expect(claims).toMatchObject({
        role: 'enterprise',
        ent: enterprise.id,
        usr: enterprise.username,
      });
      expect((claims.exp as number) - (claims.iat as number)).toBe(900);
    });

    it('does not publish the pass keys as access keys, nor the other way round', async () => {
      const access = await http(app).get('/.well-known/access-token-jwks.json').expect(200);
      const pass = await http(app).get('/.well-known/jwks.json').expect(200);
      const accessKids = (access.body.keys as { kid: string }[]).map((k) => k.kid);
      for (const key of pass.body.keys as { kid: string }[])
        expect(accessKids).not.toContain(key.kid);
    });

    it('answers the same 401 for a wrong password and an unknown user', async () => {
      const enterprise = await registerEnterprise(app);
      const wrong = await http(app)
        .post('/v1/auth/login')
        .send({ username: enterprise.username, password: 'Not-the-password' })
        .expect(401);
      const unknown = await http(app)
        .post('/v1/auth/login')
        .send({ username: 'nobody-here', password: 'Not-the-password' })
        .expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('rate-limits failed logins per username, even with the right password afterwards', async () => {
      const enterprise = await registerEnterprise(app);
      for (let i = 0; i < 3; i++) {
        await http(app)
          .post('/v1/auth/login')
          .send({ username: enterprise.username, password: 'Wrong-password' })
          .expect(401);
      }
      const res = await http(app)
        .post('/v1/auth/login')
        .send({ username: enterprise.username, password: 'Enterprise-pass-1' })
        .expect(429);
      expect(res.body.code).toBe('LOGIN_RATE_LIMITED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('ignores X-Forwarded-For when no proxy is trusted: a guesser cannot pick new addresses', async () => {
      const enterprise = await registerEnterprise(app);
      for (let i = 0; i < 3; i++) {
        await http(app)
          .post('/v1/auth/login')
          .set('x-forwarded-for', `198.51.100.${i + 1}`)
          .send({ username: enterprise.username, password: 'Wrong-password' })
          .expect(401);
      }
      const res = await http(app)
        .post('/v1/auth/login')
        .set('x-forwarded-for', '198.51.100.99')
        .send({ username: enterprise.username, password: 'Enterprise-pass-1' })
        .expect(429);
      expect(res.body.code).toBe('LOGIN_RATE_LIMITED');
    });

    it('refuses a malformed login body with 400', async () => {
      const res = await http(app).post('/v1/auth/login').send({ username: 'admin' }).expect(400);
      expect(res.body.statusCode).toBe(400);
      await http(app)
        .post('/v1/auth/login')
        .send({ username: 'ad\u0000min', password: 'whatever-it-is' })
        .expect(400);
    });
  });

  describe('POST /v1/users', () => {
    it('lets the start-up admin create an official and an officer bound to a checkpoint', async () => {
      const official = await staffToken(app, 'official', adminToken);
      expect(jwt.decode(official)).toMatchObject({ role: 'official', cp: null, ent: null });
      const officer = await staffToken(app, 'officer', adminToken);
      expect(jwt.decode(officer)).toMatchObject({ role: 'officer', cp: 'KF-01' });
    });

    it('requires a checkpointCode for an officer and refuses enterprise accounts', async () => {
      const officer = await http(app)
        .post('/v1/users')
        .set(bearer(adminToken))
        .send({ username: 'officer-no-cp', password: 'Staff-password-1', role: 'officer' })
        .expect(400);
      expect(officer.body.code).toBe('CHECKPOINT_CODE_INVALID');
      const enterprise = await http(app)
        .post('/v1/users')
        .set(bearer(adminToken))
        .send({ username: 'sneaky-ent', password: 'Staff-password-1', role: 'enterprise' })
        .expect(400);
      expect(enterprise.body.code).toBe('ROLE_INVALID');
    });

    it('refuses a taken username with 409', async () => {
      const res = await http(app)
        .post('/v1/users')
        .set(bearer(adminToken))
        .send({ username: ADMIN.username, password: 'Staff-password-1', role: 'official' })
        .expect(409);
      expect(res.body.code).toBe('USERNAME_TAKEN');
    });

    it('is for admins only: 401 without a token, 403 for an official or an enterprise', async () => {
      const body = { username: 'x-user', password: 'Staff-password-1', role: 'official' };
      await http(app).post('/v1/users').send(body).expect(401);
      const official = await staffToken(app, 'official', adminToken);
      expect(
        (await http(app).post('/v1/users').set(bearer(official)).send(body).expect(403)).body.code,
      ).toBe('FORBIDDEN');
      const enterprise = await registerEnterprise(app);
      await http(app).post('/v1/users').set(bearer(enterprise.token)).send(body).expect(403);
    });
  });
});

describe('pass-service login and registration limits, behind a trusted proxy, on two replicas', () => {
  // The default limits: 50 failures per address and 5 per user at an address in 15 minutes, 10
  // per user from everywhere in a minute, 10 registrations per address in an hour.
  const limits = loadPassServiceConfig({ KEY_ENCRYPTION_SECRET: 'x'.repeat(16) }).login;
  const PASSWORD = 'Enterprise-pass-1';
  let replicas: NestFastifyApplication[] = [];
  let urls: string[];

  beforeAll(async () => {
    await dropSchema('pass');
    // The test client is loopback, trusted as a proxy: X-Forwarded-For names each request's address.
    for (let i = 0; i < 2; i++)
      replicas.push(await serviceApps.pass({ TRUSTED_PROXIES: 'loopback' }));
    urls = [];
    for (const replica of replicas) {
      await replica.listen(0, '127.0.0.1');
      urls.push(`http://127.0.0.1:${(replica.getHttpServer().address() as AddressInfo).port}`);
    }
  });

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    replicas = [];
  });

  /** Request i goes to replica i % 2, so both replicas take part in every burst. */
  const loginFrom = (address: string, username: string, password: string, i = 0) =>
    request(urls[i % 2])
      .post('/v1/auth/login')
      .set('x-forwarded-for', address)
      .send({ username, password });

  const registerFrom = (address: string, i = 0) => {
    const username = `ent-${randomBytes(4).toString('hex')}`;
    return request(urls[i % 2])
      .post('/v1/enterprises')
      .set('x-forwarded-for', address)
      .send({
        name: '开封限流测试物流有限公司',
        creditCode: randomCreditCode(),
        divisionCode: '410202',
        contactName: '张经理',
        contactPhone: '13800138000',
        username,
        password: PASSWORD,
      });
  };

  const newOwner = async (address: string): Promise<string> => {
    const res = await registerFrom(address);
    expect(res.status).toBe(201);
    return (res.body as { username: string }).username;
  };

  const tally = (responses: Response[]) => {
    const counts: Record<number, number> = {};
    for (const res of responses) counts[res.status] = (counts[res.status] ?? 0) + 1;
    return counts;
  };

  const retryAfter = (res: Response) => Number(res.headers['retry-after']);

  /** Runs `work` and counts the argon2 calls both replicas made meanwhile: what a 429 spared. */
  const countingArgon2 = async <T>(work: () => Promise<T>) => {
    const hashers = replicas.map((replica) => replica.get(PasswordHasher));
    const verify = hashers.map((hasher) => jest.spyOn(hasher, 'verify'));
    const hash = hashers.map((hasher) => jest.spyOn(hasher, 'hash'));
    const calls = (spies: jest.SpyInstance[]) =>
      spies.reduce((n, spy) => n + spy.mock.calls.length, 0);
    try {
      const result = await work();
      return { result, verified: calls(verify), hashed: calls(hash) };
    } finally {
      [...verify, ...hash].forEach((spy) => spy.mockRestore());
    }
  };

  it('checks only 5 of 40 wrong passwords sent at once for one account from one address', async () => {
    const owner = await newOwner('203.0.113.1');
    const { result: burst, verified } = await countingArgon2(() =>
      Promise.all(
        Array.from({ length: 40 }, (_, i) => loginFrom('203.0.113.66', owner, `Wrong-${i}`, i)),
      ),
    );
    // A 401 is an answer after the password was checked; a 429 is an answer before.
    expect(tally(burst)).toEqual({ 401: 5, 429: 35 });
    expect(verified).toBe(5);
    const refused = burst.find((res) => res.status === 429);
    expect(refused?.body).toMatchObject({ statusCode: 429, code: 'LOGIN_RATE_LIMITED' });
    expect(refused?.body.message).toMatch(/try again in 1[45] minutes/);
    expect(retryAfter(refused!)).toBeGreaterThan(800);
    expect(retryAfter(refused!)).toBeLessThanOrEqual(900);
    // Even the right password is not checked from there now; the 35 refused guesses were not
    // charged to the account, so its owner logs in from their own address at once.
    expect((await loginFrom('203.0.113.66', owner, PASSWORD)).status).toBe(429);
    expect((await loginFrom('198.51.100.1', owner, PASSWORD, 1)).status).toBe(200);
  });

  it('checks only 50 of 120 guesses sent at once from one address over many usernames', async () => {
    const spray = (n: number, offset: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          loginFrom('203.0.113.77', `spray-${offset + i}`, 'Guess-password-1', i),
        ),
      );
    const { result: burst, verified } = await countingArgon2(() => spray(120, 0));
    expect(tally(burst)).toEqual({ 401: 50, 429: 70 });
    expect(verified).toBe(50);
    // A refused guess creates no row: made-up usernames cannot grow the table.
    const later = await spray(20, 1000);
    expect(tally(later)).toEqual({ 429: 20 });
    const keys = Array.from({ length: 20 }, (_, i) =>
      loginBuckets(limits, `spray-${1000 + i}`, '203.0.113.77')
        .slice(1)
        .map((b) => b.key),
    ).flat();
    const rows = await withPg((c) =>
      c.query('SELECT count(*)::int AS n FROM pass.attempt_counters WHERE bucket = ANY($1)', [
        keys,
      ]),
    );
    expect(rows.rows[0].n).toBe(0);
  });

  it('lets the admin log in from elsewhere after a guesser used up its tries at one address', async () => {
    for (let i = 0; i < 5; i++)
      expect((await loginFrom('203.0.113.88', ADMIN.username, 'Not-the-admin-pw', i)).status).toBe(
        401,
      );
    expect((await loginFrom('203.0.113.88', ADMIN.username, ADMIN.password)).status).toBe(429);
    const owner = await loginFrom('198.51.100.10', ADMIN.username, ADMIN.password, 1);
    expect(owner.status).toBe(200);
  });

  it('starts the count of an account at an address again after a good password there', async () => {
    const owner = await newOwner('203.0.113.2');
    const at = '198.51.100.20';
    for (let i = 0; i < 4; i++)
      expect((await loginFrom(at, owner, 'Typo-pass-1', i)).status).toBe(401);
    expect((await loginFrom(at, owner, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await loginFrom(at, owner, 'Typo-pass-1', i)).status).toBe(401);
    expect((await loginFrom(at, owner, PASSWORD)).status).toBe(429);
  });

  it('answers a burst of right and wrong passwords for one account on both replicas without a 5xx', async () => {
    const owner = await newOwner('203.0.113.4');
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        loginFrom('198.51.100.40', owner, i % 3 === 0 ? 'Wrong-pass-1' : PASSWORD, i),
      ),
    );
    // A right password starts the count at this address again, so how many wrong ones are
    // checked depends on the order the two replicas serve them in; what cannot vary: a wrong
    // password is never let in, a right one never refused as wrong, and nothing fails.
    const wrong = burst.filter((_, i) => i % 3 === 0).map((res) => res.status);
    const right = burst.filter((_, i) => i % 3 !== 0).map((res) => res.status);
    expect(wrong.every((status) => status === 401 || status === 429)).toBe(true);
    expect(right.every((status) => status === 200 || status === 429)).toBe(true);
    expect(tally(burst)[200]).toBeGreaterThan(0);
  });

  it('slows guessing at one account from many addresses for a minute, then lets the owner in', async () => {
    const owner = await newOwner('203.0.113.3');
    for (let i = 0; i < 10; i++) {
      const res = await loginFrom(`192.0.2.${i + 1}`, owner, 'Guess-password-1', i);
      expect(res.status).toBe(401);
    }
    const slowed = await loginFrom('192.0.2.100', owner, PASSWORD);
    expect(slowed.status).toBe(429);
    expect(slowed.body.message).toMatch(/several places; try again in (\d+ seconds|1 minute)\.$/);
    expect(retryAfter(slowed)).toBeGreaterThan(0);
    expect(retryAfter(slowed)).toBeLessThanOrEqual(60);
    // The minute passes (moved forward in the table rather than waited for).
    const userKey = loginBuckets(limits, owner, undefined)[2].key;
    await withPg((c) =>
      c.query('UPDATE pass.attempt_counters SET expires_at = now() WHERE bucket = $1', [userKey]),
    );
    expect((await loginFrom('192.0.2.100', owner, PASSWORD, 1)).status).toBe(200);
  });

  it('accepts only 10 registrations sent at once from one address, before hashing any more', async () => {
    const { result: burst, hashed } = await countingArgon2(() =>
      Promise.all(Array.from({ length: 14 }, (_, i) => registerFrom('203.0.113.99', i))),
    );
    expect(tally(burst)).toEqual({ 201: 10, 429: 4 });
    expect(hashed).toBe(10);
    const refused = burst.find((res) => res.status === 429)!;
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'REGISTRATION_RATE_LIMITED' });
    expect(refused.body.message).toMatch(
      /registrations from your network; try again in 60 minutes/,
    );
    expect(retryAfter(refused)).toBeGreaterThan(3500);
    expect(retryAfter(refused)).toBeLessThanOrEqual(3600);
    expect((await registerFrom('203.0.113.100')).status).toBe(201);
  });

  it('deletes the counters of ended windows and keeps the running ones', async () => {
    await loginFrom('198.51.100.30', 'prune-me', 'Guess-password-1').expect(401);
    await loginFrom('198.51.100.31', 'keep-me', 'Guess-password-1').expect(401);
    const ended = loginBuckets(limits, 'prune-me', '198.51.100.30').map((b) => b.key);
    const running = loginBuckets(limits, 'keep-me', '198.51.100.31').map((b) => b.key);
    const aged = await withPg((c) =>
      c.query(
        `UPDATE pass.attempt_counters SET expires_at = now() - interval '1 second' WHERE bucket = ANY($1)`,
        [ended],
      ),
    );
    expect(aged.rowCount).toBe(3);
    await replicas[0].get(AttemptCounters).pruneExpired();
    const left = await withPg((c) =>
      c.query('SELECT bucket FROM pass.attempt_counters WHERE bucket = ANY($1)', [
        [...ended, ...running],
      ]),
    );
    expect(left.rows.map((r: { bucket: string }) => r.bucket).sort()).toEqual([...running].sort());
  });
});
