import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseTopicEvent, Topic } from '@app/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import { TopicReader } from '../../../test/support/topic-reader';
import { waitFor, withPg } from '../../../test/support/test-env';
import {
  ADMIN,
  application,
  bearer,
  http,
  login,
  randomPlate,
  registerActiveEnterprise,
  registerEnterprise,
  staffToken,
  startPassService,
  type TestEnterprise,
} from './pass-harness';

/**
 * Enterprise onboarding and jurisdictions on real PostgreSQL and Kafka: a new enterprise waits
 * for an official of its jurisdiction, officials elsewhere cannot see it, and a suspension
 * refuses, revokes and wins every race with the issuing batch.
 */

interface EnterpriseBody {
  id: string;
  status: string;
  statusReason: string | null;
  divisionCode: string;
  decidedAt: string | null;
  applicationsRefused?: number;
  passesRevoked?: number;
}

interface PassBody {
  id: string;
  status: string;
  passNumber: string | null;
  rejectionReason: string | null;
  revocationReason: string | null;
}

const GUANGZHOU_APPLICATION = { originDivision: '440103', destinationDivision: '440104' };
const CROSS_PROVINCE = { destinationDivision: '440103' };

describe('pass-service: enterprise onboarding and jurisdictions', () => {
  let app: NestFastifyApplication;
  let admin: string;
  /** Scoped to Kaifeng (a city), Guangzhou (a city), Henan (a province); one left nationwide. */
  let kaifeng: string;
  let guangzhou: string;
  let henan: string;
  let nationwide: string;
  let officer: string;
  let reader: TopicReader;

  async function official(divisionScope?: string): Promise<string> {
    const username = `official-${randomBytes(4).toString('hex')}`;
    const password = 'Official-password-1';
    await http(app)
      .post('/v1/users')
      .set(bearer(admin))
      .send({ username, password, role: 'official', ...(divisionScope ? { divisionScope } : {}) })
      .expect(201);
    return login(app, username, password);
  }

  beforeAll(async () => {
    app = await startPassService();
    reader = await new TopicReader(Topic.Pass).start();
    admin = await login(app, ADMIN.username, ADMIN.password);
    [kaifeng, guangzhou, henan, nationwide, officer] = await Promise.all([
      official('410200'),
      official('440100'),
      official('410000'),
      official(),
      staffToken(app, 'officer', admin),
    ]);
  });
  afterAll(async () => {
    await reader?.stop();
    await app?.close();
  });

  const apply = (enterprise: TestEnterprise, overrides: Record<string, unknown> = {}) =>
    http(app).post('/v1/passes').set(bearer(enterprise.token)).send(application(overrides));

  const getEnterprise = (token: string, id: string) =>
    http(app).get(`/v1/enterprises/${id}`).set(bearer(token));

  const decide = (token: string, id: string, decision: string, body: object = {}) =>
    http(app).post(`/v1/enterprises/${id}/${decision}`).set(bearer(token)).send(body);

  async function listAll(token: string, path: string, query: Record<string, string> = {}) {
    const items: { id: string }[] = [];
    let cursor: string | null = null;
    do {
      const res = await http(app)
        .get(path)
        .query({ ...query, limit: '200', ...(cursor ? { cursor } : {}) })
        .set(bearer(token))
        .expect(200);
      const page = res.body as { items: { id: string }[]; nextCursor: string | null };
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items.map((item) => item.id);
  }

  const auditOf = (targetId: string) =>
    withPg(async (c) => {
      const { rows } = await c.query<{
        action: string;
        actor_name: string;
        actor_role: string;
        division_code: string | null;
        reason: string | null;
      }>(
        `SELECT action, actor_name, actor_role, division_code, reason FROM pass.audit_log
         WHERE target_id = $1 ORDER BY id`,
        [targetId],
      );
      return rows;
    });

  const passStatus = async (id: string) =>
    (await http(app).get(`/v1/passes/${id}`).set(bearer(admin)).expect(200)).body as PassBody;

  describe('a new enterprise', () => {
    it('registers pending review, with an enterprise.registered audit entry by its own user', async () => {
      const enterprise = await registerEnterprise(app, '410202');
      const own = await getEnterprise(enterprise.token, enterprise.id).expect(200);
      expect(own.body).toMatchObject({
        id: enterprise.id,
        creditCode: enterprise.creditCode,
        divisionCode: '410202',
        status: 'pending_review',
        statusReason: null,
        decidedAt: null,
      });
      expect(await auditOf(enterprise.id)).toEqual([
        {
          action: 'enterprise.registered',
          actor_name: enterprise.username,
          actor_role: 'enterprise',
          division_code: '410202',
          reason: null,
        },
      ]);
    });

    it('has every application wait for review, and gets passes at once once a Kaifeng official approves it', async () => {
      const enterprise = await registerEnterprise(app, '410202');
      const first = await apply(enterprise).expect(201);
      expect(first.body).toMatchObject({ status: 'pending_review', passNumber: null });
      const light = await apply(enterprise, { tonnage: '0.5' }).expect(201);
      expect(light.body).toMatchObject({ status: 'pending_review' });

      const queue = await listAll(kaifeng, '/v1/enterprises', { status: 'pending_review' });
      expect(queue).toContain(enterprise.id);
      // Approving its pass before the enterprise: refused, with a code that says why.
      const early = await http(app)
        .post(`/v1/passes/${(first.body as PassBody).id}/approve`)
        .set(bearer(kaifeng))
        .expect(409);
      expect(early.body.code).toBe('ENTERPRISE_NOT_ACTIVE');

      const approved = await decide(kaifeng, enterprise.id, 'approve', {}).expect(200);
      expect(approved.body).toMatchObject({ id: enterprise.id, status: 'active' });
      expect((approved.body as EnterpriseBody).decidedAt).not.toBeNull();
      expect(await listAll(kaifeng, '/v1/enterprises', { status: 'pending_review' })).not.toContain(
        enterprise.id,
      );

      const next = await apply(enterprise).expect(201);
      expect(next.body).toMatchObject({ status: 'issued' });
      expect((next.body as PassBody).passNumber).toMatch(/^410202\d{6}$/);
      // The applications made while it was pending stay in review, for an official to decide.
      expect((await passStatus((first.body as PassBody).id)).status).toBe('pending_review');
      const reviewed = await http(app)
        .post(`/v1/passes/${(first.body as PassBody).id}/approve`)
        .set(bearer(kaifeng))
        .expect(200);
      expect(reviewed.body).toMatchObject({ status: 'issued' });
      await http(app)
        .post(`/v1/passes/${(light.body as PassBody).id}/reject`)
        .set(bearer(kaifeng))
        .send({ reason: '车辆信息不全' })
        .expect(200);

      const actions = (await auditOf(enterprise.id)).map((e) => [e.action, e.actor_role]);
      expect(actions).toEqual([
        ['enterprise.registered', 'enterprise'],
        ['enterprise.approved', 'official'],
      ]);
      expect(await auditOf((first.body as PassBody).id)).toEqual([
        expect.objectContaining({ action: 'pass.approved', division_code: '410202' }),
      ]);
      expect(await auditOf((light.body as PassBody).id)).toEqual([
        expect.objectContaining({ action: 'pass.rejected', reason: '车辆信息不全' }),
      ]);
    });

    it('can be rejected with a reason: its waiting applications are refused, and it cannot apply again', async () => {
      const enterprise = await registerEnterprise(app, '410203');
      const waiting = await apply(enterprise).expect(201);
      const rejected = await decide(kaifeng, enterprise.id, 'reject', {
        reason: '营业执照与信用代码不符',
      }).expect(200);
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        statusReason: '营业执照与信用代码不符',
        applicationsRefused: 1,
      });
      expect(await passStatus((waiting.body as PassBody).id)).toMatchObject({
        status: 'rejected',
        rejectionReason: '营业执照与信用代码不符',
      });
      for (const overrides of [{}, CROSS_PROVINCE]) {
        const refused = await apply(enterprise, overrides).expect(403);
        expect(refused.body.code).toBe('ENTERPRISE_NOT_ACTIVE');
      }
      // A rejection can be reconsidered: the credit code stays taken, so there is no other way back.
      await decide(admin, enterprise.id, 'approve', { reason: '补充材料已核实' }).expect(200);
      expect((await apply(enterprise).expect(201)).body).toMatchObject({ status: 'issued' });
    });
  });

  describe('jurisdictions', () => {
    let kaifengEnterprise: TestEnterprise;
    let guangzhouEnterprise: TestEnterprise;
    let kaifengPass: PassBody;
    let kaifengPending: PassBody;
    let guangzhouPass: PassBody;

    beforeAll(async () => {
      kaifengEnterprise = await registerActiveEnterprise(app, '410225');
      guangzhouEnterprise = await registerActiveEnterprise(app, '440103');
      kaifengPass = (await apply(kaifengEnterprise).expect(201)).body as PassBody;
      kaifengPending = (await apply(kaifengEnterprise, CROSS_PROVINCE).expect(201))
        .body as PassBody;
      guangzhouPass = (await apply(guangzhouEnterprise, GUANGZHOU_APPLICATION).expect(201))
        .body as PassBody;
      expect([kaifengPass.status, kaifengPending.status, guangzhouPass.status]).toEqual([
        'issued',
        'pending_review',
        'issued',
      ]);
    });

    it('answers 404 to an official of Guangzhou for a Kaifeng enterprise and each of its passes', async () => {
      const hidden = await getEnterprise(guangzhou, kaifengEnterprise.id).expect(404);
      expect(hidden.body.code).toBe('ENTERPRISE_NOT_FOUND');
      for (const decision of ['approve', 'reinstate']) {
        const res = await decide(guangzhou, kaifengEnterprise.id, decision, {}).expect(404);
        expect(res.body.code).toBe('ENTERPRISE_NOT_FOUND');
      }
      await decide(guangzhou, kaifengEnterprise.id, 'reject', { reason: '越权' }).expect(404);
      await decide(guangzhou, kaifengEnterprise.id, 'suspend', {
        reason: '越权',
        revokePasses: true,
      }).expect(404);

      for (const pass of [kaifengPass, kaifengPending]) {
        const res = await http(app).get(`/v1/passes/${pass.id}`).set(bearer(guangzhou)).expect(404);
        expect(res.body.code).toBe('PASS_NOT_FOUND');
      }
      await http(app)
        .post(`/v1/passes/${kaifengPending.id}/approve`)
        .set(bearer(guangzhou))
        .expect(404);
      await http(app)
        .post(`/v1/passes/${kaifengPending.id}/reject`)
        .set(bearer(guangzhou))
        .send({ reason: '越权' })
        .expect(404);
      await http(app)
        .post(`/v1/passes/${kaifengPass.id}/revoke`)
        .set(bearer(guangzhou))
        .send({ reason: '越权' })
        .expect(404);
      // Nothing changed.
      expect((await passStatus(kaifengPass.id)).status).toBe('issued');
      expect((await passStatus(kaifengPending.id)).status).toBe('pending_review');
      expect((await getEnterprise(admin, kaifengEnterprise.id).expect(200)).body.status).toBe(
        'active',
      );
    });

    it('lists for each official only the enterprises and passes of their jurisdiction', async () => {
      const guangzhouEnterprises = await listAll(guangzhou, '/v1/enterprises');
      expect(guangzhouEnterprises).toContain(guangzhouEnterprise.id);
      expect(guangzhouEnterprises).not.toContain(kaifengEnterprise.id);
      const guangzhouPasses = await listAll(guangzhou, '/v1/passes');
      expect(guangzhouPasses).toContain(guangzhouPass.id);
      expect(guangzhouPasses).not.toContain(kaifengPass.id);
      expect(guangzhouPasses).not.toContain(kaifengPending.id);
      // Asking for the other enterprise by id does not widen the scope.
      expect(
        await listAll(guangzhou, '/v1/passes', { enterpriseId: kaifengEnterprise.id }),
      ).toEqual([]);

      for (const token of [kaifeng, henan]) {
        const enterprises = await listAll(token, '/v1/enterprises');
        expect(enterprises).toContain(kaifengEnterprise.id);
        expect(enterprises).not.toContain(guangzhouEnterprise.id);
        const passes = await listAll(token, '/v1/passes');
        expect(passes).toEqual(expect.arrayContaining([kaifengPass.id, kaifengPending.id]));
        expect(passes).not.toContain(guangzhouPass.id);
      }
      for (const token of [admin, nationwide]) {
        expect(await listAll(token, '/v1/enterprises')).toEqual(
          expect.arrayContaining([kaifengEnterprise.id, guangzhouEnterprise.id]),
        );
        expect(await listAll(token, '/v1/passes')).toEqual(
          expect.arrayContaining([kaifengPass.id, guangzhouPass.id]),
        );
      }
      // The enterprise itself is unchanged: its own passes, wherever its officials are.
      expect(await listAll(kaifengEnterprise.token, '/v1/passes')).toEqual(
        expect.arrayContaining([kaifengPass.id, kaifengPending.id]),
      );
    });

    it('lets an official decide the passes of their own jurisdiction only', async () => {
      const gzPending = (
        await apply(guangzhouEnterprise, {
          ...GUANGZHOU_APPLICATION,
          destinationDivision: '410202',
        }).expect(201)
      ).body as PassBody;
      await http(app).post(`/v1/passes/${gzPending.id}/approve`).set(bearer(kaifeng)).expect(404);
      await http(app).post(`/v1/passes/${gzPending.id}/approve`).set(bearer(guangzhou)).expect(200);
      await http(app)
        .post(`/v1/passes/${kaifengPass.id}/revoke`)
        .set(bearer(henan))
        .send({ reason: '车辆故障' })
        .expect(200);
      expect(await auditOf(gzPending.id)).toEqual([
        expect.objectContaining({ action: 'pass.approved', division_code: '440103' }),
      ]);
    });

    it('pages through the review queue with a keyset cursor, newest first, without repeats', async () => {
      const mine = [];
      for (let i = 0; i < 3; i++) mine.push((await registerEnterprise(app, '410204')).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await http(app)
          .get('/v1/enterprises')
          .query({ status: 'pending_review', limit: '2', ...(cursor ? { cursor } : {}) })
          .set(bearer(kaifeng))
          .expect(200);
        const page = res.body as { items: EnterpriseBody[]; nextCursor: string | null };
        expect(page.items.length).toBeLessThanOrEqual(2);
        for (const item of page.items) {
          expect(item.status).toBe('pending_review');
          expect(item.divisionCode.startsWith('4102')).toBe(true);
        }
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      // Newest first: the three just registered come in reverse order of registration.
      const order = mine.map((id) => seen.indexOf(id));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => b - a)).toEqual(order);
    });
  });

  describe('suspension', () => {
    it('revokes its live passes (pass.revoked on Kafka) and refuses its waiting applications, then refuses it with 403', async () => {
      const enterprise = await registerActiveEnterprise(app, '410202');
      const issued: PassBody[] = [];
      for (let i = 0; i < 3; i++)
        issued.push((await apply(enterprise).expect(201)).body as PassBody);
      const waiting = (await apply(enterprise, CROSS_PROVINCE).expect(201)).body as PassBody;
      expect(issued.map((p) => p.status)).toEqual(['issued', 'issued', 'issued']);

      const res = await decide(kaifeng, enterprise.id, 'suspend', {
        reason: '违规转借通行证',
        revokePasses: true,
      }).expect(200);
      expect(res.body).toMatchObject({
        status: 'suspended',
        statusReason: '违规转借通行证',
        passesRevoked: 3,
        applicationsRefused: 1,
      });
      for (const pass of issued) {
        expect(await passStatus(pass.id)).toMatchObject({
          status: 'revoked',
          revocationReason: '违规转借通行证',
        });
      }
      expect(await passStatus(waiting.id)).toMatchObject({
        status: 'rejected',
        rejectionReason: '违规转借通行证',
      });

      await waitFor(
        () =>
          issued.every((pass) =>
            reader.messages.some((m) => {
              if (m.key !== pass.id) return false;
              const parsed = parseTopicEvent(Topic.Pass, JSON.parse(m.value));
              return parsed.ok && parsed.event.type === 'pass.revoked';
            }),
          ),
        'pass.revoked on the topic for every revoked pass',
      );
      const revokedEvents = reader.messages
        .filter((m) => issued.some((pass) => pass.id === m.key))
        .map((m) => parseTopicEvent(Topic.Pass, JSON.parse(m.value)))
        .flatMap((parsed) =>
          parsed.ok && parsed.event.type === 'pass.revoked' ? [parsed.event] : [],
        );
      for (const event of revokedEvents) {
        expect(event.data).toMatchObject({
          reason: '违规转借通行证',
          revokedByRole: 'official',
          enterpriseId: enterprise.id,
        });
      }

      const entries = await auditOf(enterprise.id);
      expect(entries[entries.length - 1]).toMatchObject({
        action: 'enterprise.suspended',
        actor_role: 'official',
        reason: '违规转借通行证',
        division_code: '410202',
      });
      for (const pass of issued) {
        expect(await auditOf(pass.id)).toEqual([
          expect.objectContaining({ action: 'pass.revoked', reason: '违规转借通行证' }),
        ]);
      }
      expect(await auditOf(waiting.id)).toEqual([
        expect.objectContaining({ action: 'pass.rejected', reason: '违规转借通行证' }),
      ]);

      for (const overrides of [{}, CROSS_PROVINCE]) {
        const refused = await apply(enterprise, overrides).expect(403);
        expect(refused.body.code).toBe('ENTERPRISE_NOT_ACTIVE');
      }
    });

    it('without revokePasses leaves its issued passes issued, and still refuses its waiting applications', async () => {
      const enterprise = await registerActiveEnterprise(app, '410202');
      const pass = (await apply(enterprise).expect(201)).body as PassBody;
      const waiting = (await apply(enterprise, CROSS_PROVINCE).expect(201)).body as PassBody;
      const res = await decide(admin, enterprise.id, 'suspend', {
        reason: '暂停核查',
        revokePasses: false,
      }).expect(200);
      expect(res.body).toMatchObject({ passesRevoked: 0, applicationsRefused: 1 });
      expect((await passStatus(pass.id)).status).toBe('issued');
      expect((await passStatus(waiting.id)).status).toBe('rejected');
    });

    it('is undone by a reinstatement: the enterprise gets passes at once again, the revoked ones stay revoked', async () => {
      const enterprise = await registerActiveEnterprise(app, '410202');
      const before = (await apply(enterprise).expect(201)).body as PassBody;
      await decide(kaifeng, enterprise.id, 'suspend', {
        reason: '临时停业',
        revokePasses: true,
      }).expect(200);
      const reinstated = await decide(kaifeng, enterprise.id, 'reinstate', {
        reason: '整改完成',
      }).expect(200);
      expect(reinstated.body).toMatchObject({ status: 'active', statusReason: '整改完成' });
      expect((await apply(enterprise).expect(201)).body).toMatchObject({ status: 'issued' });
      expect((await passStatus(before.id)).status).toBe('revoked');
      const actions = (await auditOf(enterprise.id)).map((e) => e.action);
      expect(actions.slice(-2)).toEqual(['enterprise.suspended', 'enterprise.reinstated']);
    });

    it('never leaves an issued pass behind when applications race it', async () => {
      for (let round = 0; round < 4; round++) {
        const enterprise = await registerActiveEnterprise(app, '410202');
        // supertest sends on then(): every request below is in flight at once.
        const send = () => apply(enterprise, { plate: randomPlate() }).then((r) => r);
        const first = Array.from({ length: 15 }, send);
        const suspend = () =>
          decide(kaifeng, enterprise.id, 'suspend', {
            reason: '紧急停运',
            revokePasses: true,
          }).then((r) => r);
        // Even rounds suspend with the first applications, odd ones once the first has its answer.
        const suspension = round % 2 === 0 ? suspend() : Promise.race(first).then(suspend);
        const answers = await Promise.all([...first, ...Array.from({ length: 15 }, send)]);
        expect((await suspension).status).toBe(200);
        for (const answer of answers) {
          // Issued before the suspension committed (and then revoked by it), or refused.
          if (answer.status === 201) {
            expect((answer.body as PassBody).status).toBe('issued');
          } else {
            expect({ status: answer.status, code: answer.body.code }).toEqual({
              status: 403,
              code: 'ENTERPRISE_NOT_ACTIVE',
            });
          }
        }
        const { rows } = await withPg((c) =>
          c.query<{ status: string; count: string }>(
            `SELECT status, count(*)::text AS count FROM pass.passes WHERE enterprise_id = $1
             GROUP BY status`,
            [enterprise.id],
          ),
        );
        const issued = answers.filter((a) => a.status === 201).length;
        expect(Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]))).toEqual(
          issued > 0 ? { revoked: issued } : {},
        );
      }
    });

    it('answers 409 ENTERPRISE_STATE_CONFLICT to a decision that does not fit the status', async () => {
      const active = await registerActiveEnterprise(app, '410202');
      const pending = await registerEnterprise(app, '410202');
      const conflicts: [string, string, object][] = [
        [active.id, 'approve', {}],
        [active.id, 'reject', { reason: '重复' }],
        [active.id, 'reinstate', {}],
        [pending.id, 'suspend', { reason: '未审核', revokePasses: false }],
        [pending.id, 'reinstate', {}],
      ];
      for (const [id, decision, body] of conflicts) {
        const res = await decide(kaifeng, id, decision, body).expect(409);
        expect({ decision, code: res.body.code }).toEqual({
          decision,
          code: 'ENTERPRISE_STATE_CONFLICT',
        });
      }
    });
  });

  describe('hostile input', () => {
    let target: TestEnterprise;
    beforeAll(async () => {
      target = await registerEnterprise(app, '410202');
    });

    it('answers 404 for ids that are not UUIDs or that do not exist', async () => {
      for (const id of [
        'not-a-uuid',
        '1',
        "' OR 1=1 --",
        randomUUID().replace(/-/g, ''),
        randomUUID(),
      ]) {
        const got = await getEnterprise(admin, encodeURIComponent(id)).expect(404);
        expect(got.body.code).toBe('ENTERPRISE_NOT_FOUND');
        const res = await decide(admin, encodeURIComponent(id), 'approve', {}).expect(404);
        expect(res.body.code).toBe('ENTERPRISE_NOT_FOUND');
      }
    });

    it('refuses bad status filters, cursors, limits and unknown query fields with codes', async () => {
      const cases: [Record<string, string>, string][] = [
        [{ status: 'deleted' }, 'STATUS_INVALID'],
        [{ status: 'ACTIVE' }, 'STATUS_INVALID'],
        [{ status: '' }, 'STATUS_INVALID'],
        [{ cursor: 'abc' }, 'CURSOR_INVALID'],
        [{ cursor: '1'.repeat(30) }, 'CURSOR_INVALID'],
        [{ limit: '0' }, 'LIMIT_INVALID'],
        [{ limit: '201' }, 'LIMIT_INVALID'],
        [{ limit: '1.5' }, 'LIMIT_INVALID'],
      ];
      for (const [query, code] of cases) {
        const res = await http(app)
          .get('/v1/enterprises')
          .query(query)
          .set(bearer(admin))
          .expect(400);
        expect({ query, code: res.body.code }).toEqual({ query, code });
      }
      await http(app)
        .get('/v1/enterprises?status=active&status=pending_review')
        .set(bearer(admin))
        .expect(400);
      await http(app)
        .get('/v1/enterprises')
        .query({ region: '410000' })
        .set(bearer(admin))
        .expect(400);
    });

    it('refuses reasons with control characters, empty or too long, and malformed suspension bodies', async () => {
      const reasons: [unknown, string][] = [
        ['停业\u0000整顿', 'CONTROL_CHARACTER'], // NUL is refused before parsing
        ['停业\u202e整顿', 'TEXT_INVALID'],
        ['\u0007', 'TEXT_INVALID'],
        ['   ', 'REASON_INVALID'],
        ['', 'REASON_INVALID'],
        ['理'.repeat(501), 'REASON_INVALID'],
        [42, 'REASON_INVALID'],
        [null, 'REASON_INVALID'],
      ];
      for (const [reason, code] of reasons) {
        const rejected = await decide(kaifeng, target.id, 'reject', { reason }).expect(400);
        expect({ reason, code: rejected.body.code }).toEqual({ reason, code });
      }
      await decide(kaifeng, target.id, 'reject', {}).expect(400);
      await decide(kaifeng, target.id, 'approve', { reason: '\u0000' }).expect(400);
      await decide(kaifeng, target.id, 'approve', { note: 'x' }).expect(400);
      const suspensions: [object, string][] = [
        [{ reason: '停业' }, 'REVOKE_PASSES_INVALID'],
        [{ reason: '停业', revokePasses: 'true' }, 'REVOKE_PASSES_INVALID'],
        [{ reason: '停业', revokePasses: 1 }, 'REVOKE_PASSES_INVALID'],
        [{ revokePasses: true }, 'REASON_INVALID'],
      ];
      for (const [body, code] of suspensions) {
        const res = await decide(kaifeng, target.id, 'suspend', body).expect(400);
        expect({ body, code: res.body.code }).toEqual({ body, code });
      }
      // None of it changed anything.
      expect((await getEnterprise(admin, target.id).expect(200)).body.status).toBe(
        'pending_review',
      );
      expect((await auditOf(target.id)).map((e) => e.action)).toEqual(['enterprise.registered']);
    });

    it('refuses every other role (403) and callers without a token (401)', async () => {
      const other = await registerActiveEnterprise(app, '410202');
      for (const token of [target.token, other.token, officer]) {
        for (const decision of ['approve', 'reject', 'suspend', 'reinstate']) {
          const res = await decide(token, target.id, decision, {
            reason: '自行批准',
            revokePasses: false,
          }).expect(403);
          expect(res.body.code).toBe('FORBIDDEN');
        }
      }
      await http(app).get('/v1/enterprises').set(bearer(target.token)).expect(403);
      await http(app).get('/v1/enterprises').set(bearer(officer)).expect(403);
      await getEnterprise(officer, target.id).expect(403);
      // An enterprise sees its own enterprise only.
      expect((await getEnterprise(other.token, target.id).expect(404)).body.code).toBe(
        'ENTERPRISE_NOT_FOUND',
      );
      await http(app).get('/v1/enterprises').expect(401);
      await http(app).post(`/v1/enterprises/${target.id}/approve`).send({}).expect(401);
      expect((await getEnterprise(admin, target.id).expect(200)).body.status).toBe(
        'pending_review',
      );
    });
  });
});
