import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { isCounty, isValidCreditCode, parsePlate } from '@app/domain';
import request from 'supertest';
import {
  ADMIN,
  application,
  login,
  registerActiveEnterprise,
  staffToken,
  type TestEnterprise,
} from '../../apps/pass-service/test/pass-harness';
import { serviceApps } from '../support/service-apps';
import { dropSchema, withPg } from '../support/test-env';

/**
 * A fuzz run over every route that takes a body or a query: thousands of generated inputs per
 * route (wrong types, missing and unknown fields, oversized values, unicode tricks, SQL and script
 * injection, prototype keys, deep nesting). No answer may be a 500, and what the services stored
 * afterwards must still satisfy the domain rules. FUZZ_CASES sets the cases per route.
 */
const CASES = Number(process.env.FUZZ_CASES ?? 1500);

const HOSTILE: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  -0.0001,
  12.34567,
  '',
  ' ',
  'A'.repeat(5000),
  "' OR 1=1 --",
  "'; DROP TABLE passes; --",
  '<script>alert(1)</script>',
  '\u202Eevil\u202C',
  'a\u0000b',
  '\uD800',
  'ｆｕｌｌ　ｗｉｄｔｈ',
  '豫B12345'.repeat(50),
  '../../etc/passwd',
  '%00%27',
  '🚚🚚',
  '9'.repeat(400),
  '2026-13-45T99:99:99Z',
  '1e3',
  'NaN',
  {},
  [],
  [1, 2, 3],
  { $gt: '' },
  JSON.parse('{"__proto__": {"role": "admin"}}'),
  { constructor: { prototype: { role: 'admin' } } },
  nested(60),
];

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** Deterministic, so a failing case can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A mutation of a valid body: one field hostile, missing or extra, or a hostile body outright. */
function mutate(valid: Record<string, unknown>, next: () => number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const keys = Object.keys(valid);
  const body: Record<string, unknown> = { ...valid };
  switch (Math.floor(next() * 6)) {
    case 0:
      return pick(HOSTILE);
    case 1:
      delete body[pick(keys)];
      return body;
    case 2:
      body[pick(['role', 'isAdmin', 'status', 'id', '__proto__', 'enterpriseId'])] = pick(HOSTILE);
      return body;
    default:
      for (let i = 0; i < 1 + Math.floor(next() * 2); i++) body[pick(keys)] = pick(HOSTILE);
      return body;
  }
}

describe('hostile input: no 500, nothing stored that breaks the rules', () => {
  let pass: NestFastifyApplication;
  let verify: NestFastifyApplication;
  let reporting: NestFastifyApplication;
  let admin: string;
  let official: string;
  let officer: string;
  let enterprise: TestEnterprise;
  let passId: string;
  let qr: string;
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    await dropSchema('pass');
    await dropSchema('verify');
    pass = await serviceApps.pass({ LOGIN_MAX_FAILURES_PER_IP: '1000000' });
    await pass.listen(0, '127.0.0.1');
    const passUrl = `http://127.0.0.1:${(pass.getHttpServer().address() as AddressInfo).port}`;
    verify = await serviceApps.verify({ PASS_SERVICE_URL: passUrl });
    reporting = await serviceApps.reporting({ PASS_SERVICE_URL: passUrl });
    admin = await login(pass, ADMIN.username, ADMIN.password);
    official = await staffToken(pass, 'official', admin);
    officer = await staffToken(pass, 'officer', admin);
    await request(verify.getHttpServer())
      .post('/v1/checkpoints')
      .set('authorization', `Bearer ${admin}`)
      .send({ code: 'KF-01', name: '开封东检查站', divisionCode: '410202' })
      .expect(201);
    enterprise = await registerActiveEnterprise(pass);
    const issued = await request(pass.getHttpServer())
      .post('/v1/passes')
      .set('authorization', `Bearer ${enterprise.token}`)
      .send(application())
      .expect(201);
    passId = issued.body.id;
    qr = issued.body.token;
  });

  afterAll(async () => {
    process.stdout.write(
      `hostile input: ${[...statuses].map(([s, n]) => `${n}×${s}`).join(', ')}\n`,
    );
    await reporting?.close();
    await verify?.close();
    await pass?.close();
  });

  const send = async (
    app: NestFastifyApplication,
    method: 'post' | 'get',
    path: string,
    token: string | undefined,
    body?: unknown,
  ) => {
    let req = request(app.getHttpServer())[method](path);
    if (token) req = req.set('authorization', `Bearer ${token}`);
    if (method === 'post') req = req.set('content-type', 'application/json');
    const res = method === 'post' ? await req.send(JSON.stringify(body)) : await req;
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    expect({ path, body, status: res.status < 500 ? 'not 5xx' : res.status }).toEqual({
      path,
      body,
      status: 'not 5xx',
    });
    if (res.status >= 400) expect(typeof res.body.code).toBe('string');
  };

  const bodyRoutes = () => [
    {
      app: pass,
      path: '/v1/enterprises',
      token: undefined,
      valid: {
        name: '开封模糊测试有限公司',
        creditCode: enterprise.creditCode,
        divisionCode: '410202',
        contactName: '张',
        contactPhone: '13800138000',
        username: 'fuzz-user',
        password: 'Fuzz-password-1',
      },
    },
    {
      app: pass,
      path: '/v1/auth/login',
      token: undefined,
      valid: { username: 'admin', password: 'x' },
    },
    { app: pass, path: '/v1/passes', token: enterprise.token, valid: application() },
    {
      app: pass,
      path: '/v1/users',
      token: admin,
      valid: {
        username: 'fuzz-officer',
        password: 'Fuzz-password-1',
        role: 'officer',
        checkpointCode: 'KF-02',
      },
    },
    { app: pass, path: `/v1/passes/${passId}/reject`, token: official, valid: { reason: 'x' } },
    {
      app: pass,
      path: `/v1/passes/${passId}/renew`,
      token: enterprise.token,
      valid: {
        validFrom: new Date(Date.now() + 5 * 86_400_000).toISOString(),
        validUntil: new Date(Date.now() + 6 * 86_400_000).toISOString(),
      },
    },
    {
      app: verify,
      path: '/v1/checkpoints',
      token: admin,
      valid: { code: 'FZ-1', name: 'x', divisionCode: '410202' },
    },
    {
      app: verify,
      path: '/v1/verifications',
      token: officer,
      valid: { qr, checkpointCode: 'KF-01', direction: 'entry', observedPlate: '豫B12345' },
    },
  ];

  it.each([0, 1, 2, 3, 4, 5, 6, 7])(
    'body route #%i answers every generated body without a 500',
    async (index) => {
      const route = bodyRoutes()[index];
      const next = random(1000 + index);
      for (let i = 0; i < CASES; i++) {
        await send(route.app, 'post', route.path, route.token, mutate(route.valid, next));
      }
    },
  );

  it('answers every generated query without a 500', async () => {
    const next = random(7);
    const values = [
      '',
      'x',
      '-1',
      '0',
      '1e9',
      '2026-02-30',
      '2026-01-01',
      "'--",
      '%00',
      '豫B',
      'a'.repeat(3000),
      '[]',
      '{}',
    ];
    const routes: [NestFastifyApplication, string, string, string[]][] = [
      [pass, '/v1/passes', official, ['status', 'plate', 'enterpriseId', 'cursor', 'limit', 'x']],
      [
        verify,
        '/v1/verifications',
        admin,
        ['checkpointCode', 'verdict', 'reason', 'plate', 'from', 'to', 'limit', 'cursor'],
      ],
      [verify, '/v1/revocations', admin, ['since', 'x']],
      [reporting, '/v1/reports/summary', admin, ['from', 'to', 'x']],
      [reporting, '/v1/reports/daily', admin, ['from', 'to', 'by', 'level']],
      [reporting, '/v1/reports/top', admin, ['from', 'to', 'dimension', 'limit']],
      [reporting, '/v1/reports/checkpoint-hourly', admin, ['day', 'checkpointCode']],
      [pass, '/v1/divisions', admin, ['parent']],
    ];
    for (let i = 0; i < CASES; i++) {
      const [app, path, token, params] = routes[i % routes.length];
      const query = params
        .filter(() => next() < 0.6)
        .map(
          (p) =>
            `${encodeURIComponent(p)}=${encodeURIComponent(values[Math.floor(next() * values.length)])}`,
        )
        .join('&');
      await send(app, 'get', `${path}?${query}`, token);
    }
    for (const id of ['x', '1', randomUUID().toUpperCase(), "'--", '../x']) {
      await send(pass, 'get', `/v1/passes/${encodeURIComponent(id)}`, official);
      await send(pass, 'get', `/v1/passes/${encodeURIComponent(id)}/qr.svg`, official);
    }
  });

  it('stored nothing that breaks the domain rules', async () => {
    const rows = await withPg(async (c) => ({
      passes: (
        await c.query(
          'SELECT plate, tonnage_kg, origin_division, destination_division FROM pass.passes',
        )
      ).rows,
      enterprises: (await c.query('SELECT credit_code, division_code FROM pass.enterprises')).rows,
      checkpoints: (await c.query('SELECT code, division_code FROM verify.checkpoints')).rows,
    }));
    for (const p of rows.passes) {
      const parsed = parsePlate(p.plate);
      expect(parsed.ok && parsed.plate === p.plate).toBe(true);
      expect(BigInt(p.tonnage_kg) > 0n).toBe(true);
      expect(isCounty(p.origin_division) && isCounty(p.destination_division)).toBe(true);
    }
    for (const e of rows.enterprises) {
      expect(isValidCreditCode(e.credit_code) && isCounty(e.division_code)).toBe(true);
    }
    for (const c of rows.checkpoints) expect(c.division_code).toMatch(/^\d{6}$/);
  });
});
