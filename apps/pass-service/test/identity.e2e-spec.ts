import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '@app/auth';
import { createPublicKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
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
    app = await startPassService({ LOGIN_MAX_FAILURES_PER_USER: '3' });
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
