import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock } from '@app/platform';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ServiceLogger } from '../../../libs/platform/src/service-logger';
import {
  ADMIN,
  application,
  bearer,
  http,
  login,
  registerActiveEnterprise,
  startPassService,
  staffToken,
  type TestEnterprise,
} from './pass-harness';

interface ShareAnswer {
  url: string;
  path: string;
  expiresAt: string;
  createdAt: string;
  replaced: boolean;
  qrSvg: string;
}

interface SharedPass {
  passNumber: string;
  status: string;
  plate: string;
  trailerPlate: string | null;
  enterpriseName: string;
  cargoCategory: string;
  tonnage: string;
  originName: string;
  destinationName: string;
  validFrom: string;
  validUntil: string;
  revokedAt: string | null;
  qr: { token: string; svg: string } | null;
  checkedAt: string;
}

interface AuditItem {
  action: string;
  target: { type: string; id: string };
  details: Record<string, unknown> | null;
  actor: { name: string };
}

const DRIVER_PHONE = '13912345678';
const DRIVER_NAME = '李师傅';

describe('pass-service: the pass on the driver’s phone', () => {
  let app: NestFastifyApplication;
  let admin: string;
  let owner: TestEnterprise;
  let other: TestEnterprise;
  let official: string;
  let officer: string;
  /** What the request log wrote (info lines are caught here instead of printed). */
  let logged: jest.SpyInstance;

  const secretOf = (share: ShareAnswer) => share.path.slice('/driver/#'.length);

  async function issue(
    overrides: Record<string, unknown> = {},
  ): Promise<{ id: string; token: string; validUntil: string }> {
    const created = await http(app)
      .post('/v1/passes')
      .set(bearer(owner.token))
      .send(application({ driverPhone: DRIVER_PHONE, driverName: DRIVER_NAME, ...overrides }))
      .expect(201);
    const { id } = created.body as { id: string };
    const read = await http(app).get(`/v1/passes/${id}`).set(bearer(owner.token)).expect(200);
    return read.body as { id: string; token: string; validUntil: string };
  }

  const share = async (passId: string, token = owner.token): Promise<ShareAnswer> =>
    (await http(app).post(`/v1/passes/${passId}/share`).set(bearer(token)).expect(201))
      .body as ShareAnswer;

  const open = (secret: string) => http(app).get(`/v1/shared-passes/${secret}`);

  const audit = async (passId: string): Promise<AuditItem[]> =>
    (
      (
        await http(app)
          .get(`/v1/audit?targetType=pass&targetId=${passId}`)
          .set(bearer(admin))
          .expect(200)
      ).body as { items: AuditItem[] }
    ).items;

  function expectNotFound(res: { status: number; body: unknown }): void {
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      statusCode: 404,
      code: 'SHARED_PASS_NOT_FOUND',
      message: expect.any(String) as string,
    });
  }

  beforeAll(async () => {
    // Request lines are info: on, and caught by the spy below.
    app = await startPassService({ LOG_LEVEL: 'info' });
    const logger: unknown = app.get(ServiceLogger);
    const { pino } = logger as { pino: { info: (...a: unknown[]) => void } };
    logged = jest.spyOn(pino, 'info').mockImplementation(() => undefined);
    admin = await login(app, ADMIN.username, ADMIN.password);
    owner = await registerActiveEnterprise(app, '410202');
    other = await registerActiveEnterprise(app, '410202');
    official = await staffToken(app, 'official', admin);
    officer = await staffToken(app, 'officer', admin);
  });
  afterAll(() => app?.close());

  it('makes a link that opens the pass without a sign-in, until the pass expires', async () => {
    const pass = await issue();
    const answer = await share(pass.id);
    const secret = secretOf(answer);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(16);
    expect(answer).toMatchObject({
      path: `/driver/#${secret}`,
      expiresAt: pass.validUntil,
      replaced: false,
    });
    expect(answer.url).toMatch(new RegExp(`^http://[^/]+/driver/#${secret}$`));
    expect(answer.qrSvg).toMatch(/^<svg/);

    const res = await open(secret).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const shown = res.body as SharedPass;
    expect(shown).toMatchObject({
      status: 'issued',
      cargoCategory: 'daily_necessities',
      tonnage: '12.500',
      validUntil: pass.validUntil,
      revokedAt: null,
      enterpriseName: '开封测试物流有限公司',
    });
    expect(shown.originName).toContain('开封');
    expect(shown.qr?.token).toBe(pass.token);
    expect(shown.qr?.svg).toMatch(/^<svg/);
    // A link can be forwarded: no driver's name or phone, masked or not.
    expect(res.text).not.toContain(DRIVER_PHONE);
    expect(res.text).not.toContain('5678');
    expect(res.text).not.toContain(DRIVER_NAME);
    expect(res.text).not.toContain('driverPhone');
  });

  it('keeps the secret out of the request log: the line shows the route pattern', async () => {
    const pass = await issue();
    const secret = secretOf(await share(pass.id));
    logged.mockClear();
    await open(secret).expect(200);
    await http(app).get(`/v1/passes/${pass.id}`).set(bearer(owner.token)).expect(200);
    const urls = logged.mock.calls
      .filter((call) => call[1] === 'request completed')
      .map((call) => (call[0] as { url: string }).url);
    expect(urls).toEqual(['/v1/shared-passes/:secret', `/v1/passes/${pass.id}`]);
    expect(JSON.stringify(logged.mock.calls)).not.toContain(secret);
  });

  it('keeps only the SHA-256 of the secret, nowhere the secret itself', async () => {
    const pass = await issue();
    const secret = secretOf(await share(pass.id));
    const rows: { secret_hash: Buffer; whole: string }[] = await app
      .get(DataSource)
      .query(
        'SELECT secret_hash, row_to_json(s)::text AS whole FROM pass_shares s WHERE pass_id = $1',
        [pass.id],
      );
    expect(rows).toHaveLength(1);
    expect(rows[0].secret_hash.equals(createHash('sha256').update(secret).digest())).toBe(true);
    expect(rows[0].whole).not.toContain(secret);
    const traces: { text: string }[] = await app.get(DataSource).query(
      `SELECT row_to_json(a)::text AS text FROM audit_log a WHERE target_id = $1
         UNION ALL SELECT row_to_json(o)::text FROM outbox o`,
      [pass.id],
    );
    expect(traces.length).toBeGreaterThan(0);
    for (const { text } of traces) expect(text).not.toContain(secret);
  });

  it('replaces the link when shared again: the old one stops working at once', async () => {
    const pass = await issue();
    const first = secretOf(await share(pass.id));
    await open(first).expect(200);
    const again = await share(pass.id);
    const second = secretOf(again);
    expect(again.replaced).toBe(true);
    expect(second).not.toBe(first);
    expectNotFound(await open(first));
    await open(second).expect(200);

    const state = await http(app)
      .get(`/v1/passes/${pass.id}/share`)
      .set(bearer(owner.token))
      .expect(200);
    expect(state.body).toEqual({
      createdAt: again.createdAt,
      expiresAt: pass.validUntil,
      active: true,
    });
    const entries = (await audit(pass.id)).filter((e) => e.action === 'pass.share-created');
    expect(entries.map((e) => e.details?.replaced)).toEqual([true, false]);
    expect(entries[0].actor.name).toBe(owner.username);
  });

  it('withdraws the link: it stops working, and withdrawing again changes nothing', async () => {
    const pass = await issue();
    const secret = secretOf(await share(pass.id));
    await http(app).delete(`/v1/passes/${pass.id}/share`).set(bearer(owner.token)).expect(204);
    expectNotFound(await open(secret));
    const state = await http(app).get(`/v1/passes/${pass.id}/share`).set(bearer(owner.token));
    expect(state.status).toBe(404);
    expect(state.body).toMatchObject({ code: 'SHARE_NOT_FOUND' });
    await http(app).delete(`/v1/passes/${pass.id}/share`).set(bearer(owner.token)).expect(204);
    const withdrawals = (await audit(pass.id)).filter((e) => e.action === 'pass.share-withdrawn');
    expect(withdrawals).toHaveLength(1);
    expect(withdrawals[0]).toMatchObject({ target: { type: 'pass', id: pass.id } });
  });

  it('is for the owning enterprise only: another enterprise gets 404, staff 403, no sign-in 401', async () => {
    const pass = await issue();
    const secret = secretOf(await share(pass.id));
    for (const [method, path] of [
      ['post', `/v1/passes/${pass.id}/share`],
      ['get', `/v1/passes/${pass.id}/share`],
      ['delete', `/v1/passes/${pass.id}/share`],
    ] as const) {
      const res = await http(app)[method](path).set(bearer(other.token));
      expect([method, res.status, (res.body as { code: string }).code]).toEqual([
        method,
        404,
        'PASS_NOT_FOUND',
      ]);
      for (const [role, token] of [
        ['official', official],
        ['admin', admin],
        ['officer', officer],
      ]) {
        const staff = await http(app)[method](path).set(bearer(token));
        expect([method, role, staff.status]).toEqual([method, role, 403]);
      }
      expect((await http(app)[method](path)).status).toBe(401);
    }
    // The other enterprise's attempts neither replaced nor withdrew the owner's link.
    await open(secret).expect(200);
    const garbage = await http(app).post('/v1/passes/not-a-uuid/share').set(bearer(owner.token));
    expect(garbage.status).toBe(404);
  });

  it('shares issued passes only', async () => {
    // Cross-province: waits for review.
    const pending = await http(app)
      .post('/v1/passes')
      .set(bearer(owner.token))
      .send(application({ destinationDivision: '320102' }))
      .expect(201);
    expect((pending.body as { status: string }).status).toBe('pending_review');
    const res = await http(app)
      .post(`/v1/passes/${(pending.body as { id: string }).id}/share`)
      .set(bearer(owner.token));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'PASS_STATE_CONFLICT' });
  });

  it('shows a revoked pass as revoked, with nothing to scan', async () => {
    const pass = await issue();
    const secret = secretOf(await share(pass.id));
    await http(app)
      .post(`/v1/passes/${pass.id}/revoke`)
      .set(bearer(owner.token))
      .send({ reason: '车辆故障，行程取消' })
      .expect(200);
    const res = await open(secret).expect(200);
    const shown = res.body as SharedPass;
    expect(shown.status).toBe('revoked');
    expect(shown.qr).toBeNull();
    expect(shown.revokedAt).toEqual(expect.any(String));
    expect(res.text).not.toContain(pass.token);
    // The reason is staff's words, not the driver's business.
    expect(res.text).not.toContain('车辆故障');
    const again = await http(app).post(`/v1/passes/${pass.id}/share`).set(bearer(owner.token));
    expect(again.status).toBe(409);
  });

  it('ends with the pass: an expired pass opens nothing and cannot be shared', async () => {
    const pass = await issue();
    const secret = secretOf(await share(pass.id));
    await app.get(DataSource).query(
      `UPDATE passes SET valid_from = now() - interval '2 days',
           valid_until = now() - interval '1 second' WHERE id = $1`,
      [pass.id],
    );
    expectNotFound(await open(secret));
    const res = await http(app).post(`/v1/passes/${pass.id}/share`).set(bearer(owner.token));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'PASS_STATE_CONFLICT' });
    const state = await http(app)
      .get(`/v1/passes/${pass.id}/share`)
      .set(bearer(owner.token))
      .expect(200);
    expect(state.body).toMatchObject({ active: false });
  });

  it('reads the expiry from the service clock: past it, the link is inactive and no new one is made', async () => {
    const pass = await issue();
    await share(pass.id);
    const afterExpiry = new Date(Date.parse(pass.validUntil) + 1000);
    const clock = jest.spyOn(app.get(Clock), 'now').mockReturnValue(afterExpiry);
    try {
      const state = await http(app)
        .get(`/v1/passes/${pass.id}/share`)
        .set(bearer(owner.token))
        .expect(200);
      expect(state.body).toMatchObject({ active: false });
      const res = await http(app).post(`/v1/passes/${pass.id}/share`).set(bearer(owner.token));
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'PASS_STATE_CONFLICT' });
    } finally {
      clock.mockRestore();
    }
    const state = await http(app)
      .get(`/v1/passes/${pass.id}/share`)
      .set(bearer(owner.token))
      .expect(200);
    expect(state.body).toMatchObject({ active: true });
  });

  it('answers unknown, garbage and overlong secrets with 404 in the JSON error format', async () => {
    const unknown = randomBytes(16).toString('base64url');
    expectNotFound(await open(unknown));
    for (const garbage of [
      'abc',
      `${unknown}=`,
      `${unknown.slice(0, 21)}.`,
      encodeURIComponent("' OR 1=1 --aaaaaaaaaaaa"),
      encodeURIComponent('豫B12345豫B12345豫B12345'),
      encodeURIComponent('<script>alert(1)</script>'),
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'a'.repeat(100),
    ]) {
      const res = await open(garbage);
      expect([garbage, res.status]).toEqual([garbage, 404]);
      expect(res.body).toMatchObject({ statusCode: 404, code: expect.any(String) as string });
      expect(res.text).not.toContain(garbage);
    }
    // Past the router's parameter limit (100 characters) Fastify refuses the URL itself: 414,
    // JSON with a code and a message (Fastify's own, FST_ERR_MAX_PARAM_LENGTH, which quotes the
    // URL: a platform matter, the same on every route with a parameter).
    for (const overlong of ['a'.repeat(101), 'a'.repeat(5000)]) {
      const res = await open(overlong);
      expect(res.status).toBe(414);
      expect(res.body).toMatchObject({
        statusCode: 414,
        code: expect.any(String) as string,
        message: expect.any(String) as string,
      });
    }
  });
});
