import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
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

const FULL = '13912345678';
const MASKED = '139****5678';

interface AuditItem {
  actor: { id: string | null; name: string; role: string };
  action: string;
  target: { type: string; id: string };
  divisionCode: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
  requestId: string | null;
}

describe('pass-service: GET /v1/audit and the driver’s phone', () => {
  let app: NestFastifyApplication;
  let admin: string;
  let enterprise: TestEnterprise;
  let nationwide: string;
  let kaifeng: string;
  let guangdong: string;
  let officer: string;
  let passId: string;
  let applied: { driverPhone: string };

  /** An official created with a scope through the users API, logged in. */
  async function scopedOfficial(divisionScope: string): Promise<string> {
    const username = `official-${randomBytes(4).toString('hex')}`;
    const password = 'Staff-password-1';
    await http(app)
      .post('/v1/users')
      .set(bearer(admin))
      .send({ username, password, role: 'official', divisionScope })
      .expect(201);
    return login(app, username, password);
  }
  const audit = async (token: string, query = ''): Promise<AuditItem[]> =>
    (
      (await http(app).get(`/v1/audit${query}`).set(bearer(token)).expect(200)).body as {
        items: AuditItem[];
      }
    ).items;

  beforeAll(async () => {
    app = await startPassService();
    admin = await login(app, ADMIN.username, ADMIN.password);
    enterprise = await registerActiveEnterprise(app, '410202');
    nationwide = await staffToken(app, 'official', admin);
    officer = await staffToken(app, 'officer', admin);
    kaifeng = await scopedOfficial('410200');
    guangdong = await scopedOfficial('440000');
    const res = await http(app)
      .post('/v1/passes')
      .set(bearer(enterprise.token))
      .send(application({ driverPhone: FULL }))
      .expect(201);
    passId = (res.body as { id: string }).id;
    applied = res.body as { driverPhone: string };
  });
  afterAll(() => app?.close());

  describe('the driver’s phone', () => {
    it('is masked in the application’s answer and in every list', async () => {
      expect(applied.driverPhone).toBe(MASKED);
      for (const token of [enterprise.token, nationwide, kaifeng, admin]) {
        const res = await http(app).get('/v1/passes').set(bearer(token)).expect(200);
        const items = (res.body as { items: { id: string; driverPhone: string }[] }).items;
        expect(items.find((p) => p.id === passId)).toMatchObject({ driverPhone: MASKED });
        expect(res.text).not.toContain(FULL);
      }
    });

    it('is whole in GET /v1/passes/:id for the owning enterprise and officials in scope', async () => {
      for (const token of [enterprise.token, nationwide, kaifeng]) {
        const res = await http(app).get(`/v1/passes/${passId}`).set(bearer(token)).expect(200);
        expect(res.body).toMatchObject({ driverPhone: FULL });
      }
    });

    it('is masked for the admin and never shown to an official outside the scope', async () => {
      const asAdmin = await http(app).get(`/v1/passes/${passId}`).set(bearer(admin)).expect(200);
      expect(asAdmin.body).toMatchObject({ driverPhone: MASKED });
      const outside = await http(app).get(`/v1/passes/${passId}`).set(bearer(guangdong));
      expect([200, 404]).toContain(outside.status);
      expect(outside.text).not.toContain(FULL);
    });

    it('is masked on the printout, even for the owner', async () => {
      const res = await http(app)
        .get(`/v1/passes/${passId}/print`)
        .set(bearer(enterprise.token))
        .expect(200);
      expect(res.text).toContain(MASKED);
      expect(res.text).not.toContain(FULL);
    });
  });

  describe('the audit trail', () => {
    it('records a key rotation for the admin only', async () => {
      const res = await http(app)
        .post('/v1/signing-keys/rotate')
        .set(bearer(admin))
        .send({})
        .expect(200);
      const rotation = res.body as { kid: string; retiredKid: string | null };
      const [entry] = await audit(admin, '?action=signing-key.rotated');
      expect(entry).toMatchObject({
        actor: { id: expect.any(String), name: ADMIN.username, role: 'admin' },
        action: 'signing-key.rotated',
        target: { type: 'signing-key', id: rotation.kid },
        divisionCode: null,
        details: { retiredKid: rotation.retiredKid },
        requestId: res.headers['x-request-id'],
      });
      expect(await audit(nationwide, '?action=signing-key.rotated')).toEqual([]);
    });

    it('shows a revocation to officials whose scope covers the pass, and to no other', async () => {
      await http(app)
        .post(`/v1/passes/${passId}/revoke`)
        .set(bearer(kaifeng))
        .send({ reason: '审计测试' })
        .expect(200);
      const query = `?action=pass.revoked&targetType=pass&targetId=${passId}`;
      for (const token of [admin, nationwide, kaifeng]) {
        const entries = await audit(token, query);
        expect(entries).toHaveLength(1);
        expect(entries[0]).toMatchObject({ divisionCode: '410202', reason: '审计测试' });
        // Audit details never carry the phone.
        expect(JSON.stringify(entries[0])).not.toContain(FULL);
      }
      expect(await audit(guangdong, query)).toEqual([]);
    });

    it('refuses enterprises, officers and anonymous callers', async () => {
      for (const token of [enterprise.token, officer]) {
        const res = await http(app).get('/v1/audit').set(bearer(token)).expect(403);
        expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      }
      await http(app).get('/v1/audit').expect(401);
      const bad = await http(app).get('/v1/audit?targetType=passes').set(bearer(admin)).expect(400);
      expect(bad.body).toMatchObject({ code: 'TARGET_TYPE_INVALID' });
    });
  });
});
