import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseTopicEvent, Topic } from '@app/contracts';
import { checkPassQr, publicKeyFromJwk, type EcPublicJwk } from '@app/pass-token';
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
  restartPassService,
  staffToken,
  startPassService,
  uniqueKey,
  type TestEnterprise,
} from './pass-harness';

const DAY_MS = 86_400_000;

/** An application starting `startDay` days from now, so that two of them never overlap. */
const inWindow = (startDay: number, over: Record<string, unknown> = {}) =>
  application({
    validFrom: new Date(Date.now() + startDay * DAY_MS).toISOString(),
    validUntil: new Date(Date.now() + (startDay + 1) * DAY_MS - 60_000).toISOString(),
    ...over,
  });

/** Guangzhou → Zhengzhou: always waits for an official, so it takes the review path. */
const crossProvince = { originDivision: '440106', destinationDivision: '410102' };

interface Body {
  [key: string]: unknown;
}

describe('pass-service: vehicles, plates and plate transfers', () => {
  let app: NestFastifyApplication;
  let reader: TopicReader;
  let admin: string;
  let official: string;
  let kaifengOfficial: string;
  let guangzhouOfficial: string;
  let officer: string;
  let a: TestEnterprise;
  let b: TestEnterprise;
  let c: TestEnterprise;

  beforeAll(async () => {
    app = await startPassService();
    reader = await new TopicReader(Topic.Pass).start();
    admin = await login(app, ADMIN.username, ADMIN.password);
    official = await staffToken(app, 'official', admin);
    officer = await staffToken(app, 'officer', admin);
    kaifengOfficial = await scopedOfficial('410200');
    guangzhouOfficial = await scopedOfficial('440100');
    a = await registerActiveEnterprise(app, '410202');
    b = await registerActiveEnterprise(app, '410203');
    c = await registerActiveEnterprise(app, '410204');
  });

  afterAll(async () => {
    await reader?.stop();
    await app?.close();
  });

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

  const apply = (token: string, body: Body, key?: string) => {
    const req = http(app).post('/v1/passes').set(bearer(token));
    return (key ? req.set('idempotency-key', key) : req).send(body);
  };
  const registerVehicle = (token: string, body: unknown) =>
    http(app)
      .post('/v1/vehicles')
      .set(bearer(token))
      .send(body as object);
  const vehicles = async (token: string, query: Record<string, string> = {}) =>
    (await http(app).get('/v1/vehicles').query(query).set(bearer(token)).expect(200)).body as {
      items: Body[];
      nextCursor: string | null;
    };
  const requestTransfer = (token: string, body: unknown) =>
    http(app)
      .post('/v1/plate-transfers')
      .set(bearer(token))
      .send(body as object);
  const transfers = async (token: string, query: Record<string, string> = {}) =>
    (
      (await http(app).get('/v1/plate-transfers').query(query).set(bearer(token)).expect(200))
        .body as { items: Body[] }
    ).items;
  const decide = (token: string, id: string, decision: 'approve' | 'reject', body: Body = {}) =>
    http(app).post(`/v1/plate-transfers/${id}/${decision}`).set(bearer(token)).send(body);
  const holderOf = async (plate: string) =>
    (
      await withPg((pg) =>
        pg.query<{ enterprise_id: string }>(
          'SELECT enterprise_id FROM pass.vehicles WHERE plate = $1',
          [plate],
        ),
      )
    ).rows.map((r) => r.enterprise_id);
  const audit = async (targetId: string) =>
    (
      await withPg((pg) =>
        pg.query<{ action: string; actor_role: string; reason: string | null }>(
          'SELECT action, actor_role, reason FROM pass.audit_log WHERE target_id = $1 ORDER BY id',
          [targetId],
        ),
      )
    ).rows;

  /** An issued pass: at once for an active enterprise, else approved by the nationwide official. */
  async function issued(enterprise: TestEnterprise, body: Body): Promise<Body> {
    const res = await apply(enterprise.token, body).expect(201);
    if (res.body.status === 'issued') return res.body as Body;
    const approved = await http(app)
      .post(`/v1/passes/${String(res.body.id)}/approve`)
      .set(bearer(official))
      .send({})
      .expect(200);
    return approved.body as Body;
  }

  describe('the vehicle register', () => {
    it('registers a vehicle to its enterprise, normalised, and shows it to that enterprise and officials in scope only', async () => {
      const plate = randomPlate('豫B');
      const res = await registerVehicle(a.token, {
        plate: ` ${plate.toLowerCase().replace('豫', '豫 ')} `,
        kind: 'tractor',
        trailerPlate: '豫ｂ1234挂',
        licenceNumber: ' 4102 0012 3456 ',
      }).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        plate,
        enterpriseId: a.id,
        kind: 'tractor',
        trailerPlate: '豫B1234挂',
        licenceNumber: '410200123456',
        createdAt: expect.any(String),
      });
      const id = String(res.body.id);
      const plates = (page: { items: Body[] }) => page.items.map((v) => v.plate);
      expect(plates(await vehicles(a.token))).toContain(plate);
      expect(plates(await vehicles(b.token))).not.toContain(plate);
      // An enterprise asking for another's vehicles sees none, as if there were none.
      expect((await vehicles(b.token, { enterpriseId: a.id })).items).toEqual([]);
      expect((await vehicles(b.token, { plate })).items).toEqual([]);
      expect(plates(await vehicles(admin, { enterpriseId: a.id }))).toContain(plate);
      expect(plates(await vehicles(kaifengOfficial, { plate }))).toEqual([plate]);
      expect((await vehicles(guangzhouOfficial, { plate })).items).toEqual([]);
      expect(await audit(id)).toEqual([
        { action: 'vehicle.registered', actor_role: 'enterprise', reason: null },
      ]);
    });

    it("completes a vehicle it holds with 200 and refuses another enterprise's plate with PLATE_HELD_BY_OTHER", async () => {
      const plate = randomPlate('豫C');
      await issued(a, application({ plate }));
      const [registered] = (await vehicles(a.token, { plate })).items;
      expect(registered).toMatchObject({ plate, kind: 'truck', licenceNumber: null });

      const completed = await registerVehicle(a.token, {
        plate,
        kind: 'special',
        licenceNumber: 'LB-0001',
      }).expect(200);
      expect(completed.body).toMatchObject({ id: registered.id, kind: 'special' });

      const refused = await registerVehicle(b.token, {
        plate,
        kind: 'truck',
        licenceNumber: 'LB-0002',
      }).expect(409);
      expect(refused.body.code).toBe('PLATE_HELD_BY_OTHER');
      expect(refused.body.message).toContain('POST /v1/plate-transfers');
      expect(JSON.stringify(refused.body)).not.toContain(a.id);
      expect(await holderOf(plate)).toEqual([a.id]);
    });

    it('pages through its vehicles newest first', async () => {
      const d = await registerActiveEnterprise(app, '410205');
      const plates = [randomPlate(), randomPlate(), randomPlate()];
      for (const plate of plates)
        await registerVehicle(d.token, { plate, kind: 'truck', licenceNumber: 'KF-1234' }).expect(
          201,
        );
      const first = await vehicles(d.token, { limit: '2' });
      expect(first.items.map((v) => v.plate)).toEqual([plates[2], plates[1]]);
      expect(first.nextCursor).toMatch(/^\d+$/);
      const second = await vehicles(d.token, { limit: '2', cursor: String(first.nextCursor) });
      expect(second).toEqual({
        items: [expect.objectContaining({ plate: plates[0] })],
        nextCursor: null,
      });
    });

    it('refuses hostile bodies and queries with stable codes, and other roles', async () => {
      const valid = { plate: randomPlate(), kind: 'truck', licenceNumber: 'KF-1234' };
      const cases: [unknown, string][] = [
        [{ ...valid, plate: '豫B1234挂' }, 'PLATE_INVALID'],
        [{ ...valid, plate: 'DROP TABLE vehicles' }, 'PLATE_INVALID'],
        [{ ...valid, plate: '豫B'.repeat(5000) }, 'PLATE_INVALID'],
        [{ ...valid, plate: 12345 }, 'PLATE_INVALID'],
        [{ ...valid, plate: '豫B1234警' }, 'PLATE_INVALID'],
        [{ ...valid, trailerPlate: '豫B1234挂' }, 'TRAILER_PLATE_INVALID'],
        [{ ...valid, kind: 'tractor', trailerPlate: '豫B12345' }, 'TRAILER_PLATE_INVALID'],
        [{ ...valid, kind: 'tractor', trailerPlate: '挂'.repeat(100) }, 'TRAILER_PLATE_INVALID'],
        [{ ...valid, kind: 'boat' }, 'VEHICLE_KIND_INVALID'],
        [{ ...valid, licenceNumber: '<script>' }, 'LICENCE_NUMBER_INVALID'],
        [{ ...valid, licenceNumber: 'AB\u202eCD' }, 'LICENCE_NUMBER_INVALID'],
        [{ ...valid, licenceNumber: 'A\u0000BCD' }, 'CONTROL_CHARACTER'],
        [{ ...valid, licenceNumber: '9'.repeat(65) }, 'LICENCE_NUMBER_INVALID'],
        [{ plate: valid.plate, kind: 'truck' }, 'LICENCE_NUMBER_INVALID'],
        [{ ...valid, owner: b.id }, 'UNKNOWN_FIELD'],
        [[valid], 'VALIDATION_FAILED'],
      ];
      for (const [body, code] of cases) {
        const res = await registerVehicle(a.token, body).expect(400);
        expect({ body, code: res.body.code }).toEqual({ body, code });
      }
      expect(await holderOf(valid.plate)).toEqual([]);
      for (const query of [{ limit: '0' }, { limit: '201' }, { cursor: 'abc' }, { plate: 'x' }]) {
        const res = await http(app).get('/v1/vehicles').query(query).set(bearer(a.token));
        expect(res.status).toBe(400);
      }
      for (const token of [official, officer, admin])
        await registerVehicle(token, valid).expect(403);
      await http(app).get('/v1/vehicles').set(bearer(officer)).expect(403);
      await http(app).post('/v1/vehicles').send(valid).expect(401);
    });
  });

  describe('applying for a plate', () => {
    it('registers an unregistered plate to the applicant: a truck, or a tractor with its trailer', async () => {
      const truck = randomPlate('豫D');
      const tractor = randomPlate('豫D');
      await issued(a, application({ plate: truck }));
      await issued(a, application({ plate: tractor, trailerPlate: '豫D5678挂' }));
      const byPlate = new Map((await vehicles(a.token)).items.map((v) => [v.plate, v]));
      expect(byPlate.get(truck)).toMatchObject({ kind: 'truck', trailerPlate: null });
      expect(byPlate.get(tractor)).toMatchObject({ kind: 'tractor', trailerPlate: '豫D5678挂' });
    });

    it("refuses another enterprise's plate with 409 PLATE_HELD_BY_OTHER, whether issued at once or reviewed", async () => {
      const plate = randomPlate('豫E');
      await issued(a, inWindow(0, { plate }));
      for (const body of [inWindow(3, { plate }), inWindow(5, { plate, ...crossProvince })]) {
        const res = await apply(b.token, body).expect(409);
        expect(res.body.code).toBe('PLATE_HELD_BY_OTHER');
        expect(res.body.message).toContain('POST /v1/plate-transfers');
      }
      // The holder itself is not held back: a later window is issued or waits for review.
      await apply(a.token, inWindow(3, { plate })).expect(201);
      await apply(a.token, inWindow(5, { plate, ...crossProvince })).expect(201);
      const stored = await withPg((pg) =>
        pg.query('SELECT 1 FROM pass.passes WHERE plate = $1 AND enterprise_id = $2', [
          plate,
          b.id,
        ]),
      );
      expect(stored.rowCount).toBe(0);
    });

    it('refuses to approve an application whose plate another enterprise holds by now', async () => {
      const plate = randomPlate('豫E');
      const waiting = await apply(a.token, inWindow(7, { plate, ...crossProvince })).expect(201);
      // As after the backfill: the plate is registered to b while a's application still waits.
      await withPg((pg) =>
        pg.query('UPDATE pass.vehicles SET enterprise_id = $2 WHERE plate = $1', [plate, b.id]),
      );
      const res = await http(app)
        .post(`/v1/passes/${String(waiting.body.id)}/approve`)
        .set(bearer(official))
        .expect(409);
      expect(res.body.code).toBe('PLATE_HELD_BY_OTHER');
      const stored = await withPg((pg) =>
        pg.query('SELECT status FROM pass.passes WHERE id = $1', [waiting.body.id]),
      );
      expect(stored.rows).toEqual([{ status: 'pending_review' }]);
    });

    it('gives a new plate to exactly one of two enterprises that apply for it at once', async () => {
      for (let round = 0; round < 6; round++) {
        const plate = randomPlate('豫F');
        // Both paths race: the batcher's set-based claim and the review path's single statement.
        const bBody =
          round % 2 === 0 ? inWindow(3, { plate }) : inWindow(3, { plate, ...crossProvince });
        const [fromA, fromB] = await Promise.all([
          apply(a.token, inWindow(0, { plate })),
          apply(b.token, bBody),
        ]);
        const statuses = [fromA.status, fromB.status].sort();
        expect({ round, statuses }).toEqual({ round, statuses: [201, 409] });
        const loser = fromA.status === 409 ? fromA : fromB;
        expect(loser.body.code).toBe('PLATE_HELD_BY_OTHER');
        const winner = fromA.status === 201 ? a : b;
        expect(await holderOf(plate)).toEqual([winner.id]);
      }
    });

    it('replays an Idempotency-Key with its trailer plate, and refuses the key for another trailer', async () => {
      const key = uniqueKey();
      const body = application({ plate: randomPlate(), trailerPlate: '豫B7777挂' });
      const first = await apply(a.token, body, key).expect(201);
      const again = await apply(a.token, { ...body, trailerPlate: ' 豫b7777挂' }, key).expect(200);
      expect(again.body.id).toBe(first.body.id);
      const other = await apply(a.token, { ...body, trailerPlate: '豫B7778挂' }, key).expect(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('plate transfers', () => {
    it("moves the plate when an official in scope approves: the holder's passes are revoked and its applications rejected", async () => {
      const plate = randomPlate('豫G');
      const first = await issued(a, inWindow(0, { plate }));
      const second = await issued(a, inWindow(2, { plate }));
      const waiting = await apply(a.token, inWindow(4, { plate, ...crossProvince })).expect(201);
      expect(waiting.body.status).toBe('pending_review');

      const requested = await requestTransfer(b.token, {
        plate: plate.toLowerCase(),
        reason: '车辆已过户 Vehicle sold to us',
      }).expect(201);
      expect(requested.body).toEqual({
        id: expect.any(String),
        plate,
        fromEnterpriseId: a.id,
        fromEnterpriseName: expect.any(String),
        toEnterpriseId: b.id,
        toEnterpriseName: expect.any(String),
        status: 'pending',
        reason: '车辆已过户 Vehicle sold to us',
        decisionReason: null,
        createdAt: expect.any(String),
        decidedAt: null,
      });
      const id = String(requested.body.id);
      const ids = (items: Body[]) => items.map((t) => t.id);

      // Visible to the requester, the holder and officials whose scope holds the requester.
      expect(ids(await transfers(b.token))).toContain(id);
      expect(ids(await transfers(a.token, { status: 'pending' }))).toContain(id);
      expect(ids(await transfers(c.token))).not.toContain(id);
      expect(ids(await transfers(kaifengOfficial))).toContain(id);
      expect(ids(await transfers(admin))).toContain(id);
      expect(ids(await transfers(guangzhouOfficial))).not.toContain(id);
      expect(ids(await transfers(kaifengOfficial, { status: 'approved' }))).not.toContain(id);

      const outOfScope = await decide(guangzhouOfficial, id, 'approve').expect(404);
      expect(outOfScope.body.code).toBe('TRANSFER_NOT_FOUND');
      await decide(guangzhouOfficial, id, 'reject', { reason: 'no' }).expect(404);
      await decide(a.token, id, 'approve').expect(403);
      await decide(officer, id, 'approve').expect(403);

      const approved = await decide(kaifengOfficial, id, 'approve', {
        reason: '行驶证已变更',
      }).expect(200);
      expect(approved.body).toMatchObject({
        id,
        status: 'approved',
        decisionReason: '行驶证已变更',
        passesRevoked: 2,
        applicationsRejected: 1,
      });
      expect(typeof approved.body.decidedAt).toBe('string');

      const passOf = async (passId: unknown) =>
        (
          await http(app)
            .get(`/v1/passes/${String(passId)}`)
            .set(bearer(a.token))
            .expect(200)
        ).body as Body;
      expect(await passOf(first.id)).toMatchObject({
        status: 'revoked',
        revocationReason: '行驶证已变更',
      });
      expect(await passOf(second.id)).toMatchObject({ status: 'revoked' });
      expect(await passOf(waiting.body.id)).toMatchObject({
        status: 'rejected',
        rejectionReason: '行驶证已变更',
      });
      // The checkpoints learn it the usual way: pass.revoked on Kafka, one per pass.
      for (const pass of [first, second]) {
        await waitFor(
          () =>
            reader.messages.some((m) => {
              if (m.key !== pass.id) return false;
              const parsed = parseTopicEvent(Topic.Pass, JSON.parse(m.value));
              return (
                parsed.ok &&
                parsed.event.type === 'pass.revoked' &&
                parsed.event.data.passNumber === pass.passNumber
              );
            }),
          `pass.revoked for ${String(pass.passNumber)}`,
        );
      }

      expect(await holderOf(plate)).toEqual([b.id]);
      expect((await vehicles(a.token, { plate })).items).toEqual([]);
      expect((await vehicles(b.token, { plate })).items).toHaveLength(1);
      const formerHolder = await apply(a.token, inWindow(6, { plate })).expect(409);
      expect(formerHolder.body.code).toBe('PLATE_HELD_BY_OTHER');
      await apply(b.token, inWindow(0, { plate })).expect(201);

      const again = await decide(kaifengOfficial, id, 'approve').expect(409);
      expect(again.body.code).toBe('TRANSFER_STATE_CONFLICT');
      expect((await audit(id)).map((e) => e.action)).toEqual([
        'plate.transfer-requested',
        'plate.transfer-approved',
      ]);
      expect((await audit(String(first.id))).map((e) => e.action)).toContain('pass.revoked');
      expect((await audit(String(waiting.body.id))).map((e) => e.action)).toEqual([
        'pass.rejected',
      ]);
    });

    it('leaves the plate where it is when the transfer is rejected', async () => {
      const plate = randomPlate('豫H');
      await issued(a, inWindow(0, { plate }));
      const { body } = await requestTransfer(b.token, { plate, reason: 'we bought it' }).expect(
        201,
      );
      const id = String(body.id);
      const noReason = await decide(kaifengOfficial, id, 'reject', {}).expect(400);
      expect(noReason.body.code).toBe('REASON_INVALID');
      const rejected = await decide(admin, id, 'reject', { reason: '材料不全' }).expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: '材料不全' });
      expect(await holderOf(plate)).toEqual([a.id]);
      await apply(a.token, inWindow(2, { plate })).expect(201);
      await apply(b.token, inWindow(4, { plate })).expect(409);
      const twice = await decide(admin, id, 'approve').expect(409);
      expect(twice.body.code).toBe('TRANSFER_STATE_CONFLICT');
      expect(await audit(id)).toEqual([
        { action: 'plate.transfer-requested', actor_role: 'enterprise', reason: 'we bought it' },
        { action: 'plate.transfer-rejected', actor_role: 'admin', reason: '材料不全' },
      ]);
      // Rejected, the requester may ask again.
      await requestTransfer(b.token, { plate, reason: 'with the papers now' }).expect(201);
    });

    it('refuses requests that need no transfer, a second pending one, and a decision on a plate that moved since', async () => {
      const plate = randomPlate('豫J');
      await issued(a, application({ plate }));
      const unregistered = await requestTransfer(b.token, {
        plate: randomPlate('豫K'),
        reason: 'x',
      }).expect(409);
      expect(unregistered.body.code).toBe('TRANSFER_NOT_NEEDED');
      const own = await requestTransfer(a.token, { plate, reason: 'x' }).expect(409);
      expect(own.body.code).toBe('TRANSFER_NOT_NEEDED');

      const fromB = await requestTransfer(b.token, { plate, reason: 'ours' }).expect(201);
      const twice = await requestTransfer(b.token, { plate, reason: 'ours!' }).expect(409);
      expect(twice.body.code).toBe('TRANSFER_ALREADY_PENDING');
      const fromC = await requestTransfer(c.token, { plate, reason: 'no, ours' }).expect(201);

      await decide(official, String(fromB.body.id), 'approve').expect(200);
      const stale = await decide(official, String(fromC.body.id), 'approve').expect(409);
      expect(stale.body.code).toBe('TRANSFER_STALE');
      expect(await holderOf(plate)).toEqual([b.id]);
      await decide(official, String(fromC.body.id), 'reject', { reason: 'stale' }).expect(200);
    });

    it('refuses hostile input and other roles with stable codes', async () => {
      const plate = randomPlate('豫L');
      await issued(a, application({ plate }));
      const cases: [unknown, string][] = [
        [{ plate: 'nope', reason: 'x' }, 'PLATE_INVALID'],
        [{ plate: '豫'.repeat(10_000), reason: 'x' }, 'PLATE_INVALID'],
        [{ plate, reason: '' }, 'REASON_INVALID'],
        [{ plate, reason: 'x'.repeat(501) }, 'REASON_INVALID'],
        [{ plate, reason: 'ours\u202e' }, 'TEXT_INVALID'],
        [{ plate }, 'REASON_INVALID'],
        [{ plate, reason: 'x', fromEnterpriseId: a.id }, 'UNKNOWN_FIELD'],
      ];
      for (const [body, code] of cases) {
        const res = await requestTransfer(b.token, body).expect(400);
        expect({ body: JSON.stringify(body).slice(0, 60), code: res.body.code }).toEqual({
          body: JSON.stringify(body).slice(0, 60),
          code,
        });
      }
      for (const token of [official, officer, admin])
        await requestTransfer(token, { plate, reason: 'x' }).expect(403);
      await http(app).post('/v1/plate-transfers').send({ plate, reason: 'x' }).expect(401);
      for (const id of ['not-a-uuid', randomUUID(), "1' OR '1'='1"]) {
        const res = await decide(admin, encodeURIComponent(id), 'approve').expect(404);
        expect(res.body.code).toBe('TRANSFER_NOT_FOUND');
      }
      const { body } = await requestTransfer(b.token, { plate, reason: 'x' }).expect(201);
      const extra = await decide(admin, String(body.id), 'approve', { reason: 'ok', force: true });
      expect(extra.status).toBe(400);
      expect(extra.body.code).toBe('UNKNOWN_FIELD');
      const status = await http(app)
        .get('/v1/plate-transfers')
        .query({ status: 'bogus' })
        .set(bearer(a.token))
        .expect(400);
      expect(status.body.code).toBe('STATUS_INVALID');
      await http(app).get('/v1/plate-transfers').set(bearer(officer)).expect(403);
      expect(await holderOf(plate)).toEqual([a.id]);
    });
  });

  describe("a tractor's trailer plate", () => {
    it('is on the pass, in its token and on its print page', async () => {
      const plate = randomPlate('豫M');
      const pass = await issued(a, application({ plate, trailerPlate: ' 豫ｍ 1234挂 ' }));
      expect(pass.trailerPlate).toBe('豫M1234挂');
      const token = String(pass.token);
      expect(token.length).toBeLessThan(400);
      const jwks = (await http(app).get('/.well-known/jwks.json').expect(200)).body as {
        keys: (EcPublicJwk & { kid: string })[];
      };
      const keys = new Map(jwks.keys.map((k) => [k.kid, publicKeyFromJwk(k)]));
      const check = checkPassQr(token, (kid) => keys.get(kid), {
        nowSeconds: Math.floor(Date.now() / 1000),
        leewaySeconds: 60,
      });
      expect(check).toMatchObject({ ok: true, claims: { pl: plate, tp: '豫M1234挂' } });
      const print = await http(app)
        .get(`/v1/passes/${String(pass.id)}/print`)
        .set(bearer(a.token))
        .expect(200);
      expect(print.text).toContain('挂车号牌');
      expect(print.text).toContain('豫M1234挂');

      const solo = await issued(a, application());
      expect(solo.trailerPlate).toBeNull();
      const payload = JSON.parse(
        Buffer.from(String(solo.token).split('.')[1], 'base64url').toString('utf8'),
      ) as object;
      expect(payload).not.toHaveProperty('tp');
      const soloPrint = await http(app)
        .get(`/v1/passes/${String(solo.id)}/print`)
        .set(bearer(a.token))
        .expect(200);
      expect(soloPrint.text).not.toContain('挂车号牌');
    });

    it('must be a trailer plate, behind a plate that is not one', async () => {
      const cases: [Body, string][] = [
        [{ plate: '豫B1234挂', trailerPlate: '豫B5678挂' }, 'PLATE_INVALID'],
        [{ trailerPlate: '豫B12345' }, 'TRAILER_PLATE_INVALID'],
        [{ trailerPlate: '豫B12345/豫B1234挂' }, 'TRAILER_PLATE_INVALID'],
        [{ trailerPlate: 'garbage' }, 'TRAILER_PLATE_INVALID'],
        [{ trailerPlate: '挂'.repeat(10_000) }, 'TRAILER_PLATE_INVALID'],
        [{ trailerPlate: 42 }, 'TRAILER_PLATE_INVALID'],
        [{ trailerPlate: null }, 'TRAILER_PLATE_INVALID'],
        [{ trailerPlate: '豫B12\u202e34挂' }, 'TRAILER_PLATE_INVALID'],
        [{ trailerPlate: '豫B12\u0000挂' }, 'CONTROL_CHARACTER'],
      ];
      for (const [over, code] of cases) {
        const res = await apply(a.token, application(over)).expect(400);
        expect({ over: JSON.stringify(over).slice(0, 60), code: res.body.code }).toEqual({
          over: JSON.stringify(over).slice(0, 60),
          code,
        });
      }
    });
  });

  it('registers the plates of passes made before the register to the enterprise of the latest live pass', async () => {
    // Made as before the register: two enterprises with live passes on one plate, in turn, and a
    // plate whose only pass was revoked.
    const shared = randomPlate('豫N');
    const revokedOnly = randomPlate('豫N');
    await issued(a, inWindow(0, { plate: shared }));
    await withPg((pg) => pg.query('DELETE FROM pass.vehicles WHERE plate = $1', [shared]));
    await issued(c, inWindow(3, { plate: shared }));
    const gone = await issued(b, application({ plate: revokedOnly }));
    await http(app)
      .post(`/v1/passes/${String(gone.id)}/revoke`)
      .set(bearer(b.token))
      .send({ reason: 'not needed' })
      .expect(200);
    await withPg(async (pg) => {
      await pg.query('DROP TABLE pass.plate_transfers, pass.vehicles');
      await pg.query('ALTER TABLE pass.passes DROP COLUMN trailer_plate');
      await pg.query(
        `DELETE FROM pass.migrations WHERE name = 'VehiclesAndTransfers1796688000000'`,
      );
    });
    app = await restartPassService(app);
    expect(await holderOf(shared)).toEqual([c.id]);
    expect(await holderOf(revokedOnly)).toEqual([]);
    const refused = await apply(a.token, inWindow(6, { plate: shared })).expect(409);
    expect(refused.body.code).toBe('PLATE_HELD_BY_OTHER');
    await apply(c.token, inWindow(6, { plate: shared })).expect(201);
    await apply(a.token, application({ plate: revokedOnly })).expect(201);
    expect(await holderOf(revokedOnly)).toEqual([a.id]);
  });
});
