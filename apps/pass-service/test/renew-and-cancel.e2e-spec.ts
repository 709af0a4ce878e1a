import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topic } from '@app/contracts';
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
  staffToken,
  startPassService,
  uniqueKey,
  type TestEnterprise,
} from './pass-harness';

const DAY_MS = 86_400_000;
const CROSS_PROVINCE = { destinationDivision: '440103' };

interface PassBody {
  id: string;
  status: string;
  passNumber: string | null;
  plate: string;
  trailerPlate: string | null;
  driverName: string;
  driverPhone: string;
  cargoCategory: string;
  cargoDescription: string | null;
  tonnage: string;
  originDivision: string;
  destinationDivision: string;
  validFrom: string;
  validUntil: string;
  renewedFrom: string | null;
  cancelledAt: string | null;
  token?: string | null;
}

interface AuditItem {
  action: string;
  actor: { id: string | null; role: string };
  target: { type: string; id: string };
  details: Record<string, unknown> | null;
}

describe('pass-service: renewing a pass and cancelling an application', () => {
  let app: NestFastifyApplication;
  let admin: string;
  let official: string;
  let a: TestEnterprise;
  let b: TestEnterprise;
  let reader: TopicReader;

  beforeAll(async () => {
    app = await startPassService();
    reader = await new TopicReader(Topic.Pass).start();
    admin = await login(app, ADMIN.username, ADMIN.password);
    official = await staffToken(app, 'official', admin);
    a = await registerActiveEnterprise(app, '410202');
    b = await registerActiveEnterprise(app, '410203');
  });

  afterAll(async () => {
    await reader?.stop();
    await app?.close();
  });

  const apply = async (token: string, overrides: Record<string, unknown> = {}) =>
    (await http(app).post('/v1/passes').set(bearer(token)).send(application(overrides)).expect(201))
      .body as PassBody;

  const renew = (token: string, id: string, body: Record<string, unknown>, key?: string) => {
    const req = http(app).post(`/v1/passes/${id}/renew`).set(bearer(token));
    return (key ? req.set('idempotency-key', key) : req).send(body);
  };
  const cancel = (token: string, id: string) =>
    http(app).post(`/v1/passes/${id}/cancel`).set(bearer(token)).send({});
  const get = async (token: string, id: string) =>
    (await http(app).get(`/v1/passes/${id}`).set(bearer(token)).expect(200)).body as PassBody;
  const auditOf = async (action: string, id: string) =>
    (
      (
        await http(app)
          .get(`/v1/audit?action=${action}&targetId=${id}`)
          .set(bearer(admin))
          .expect(200)
      ).body as { items: AuditItem[] }
    ).items;

  /** The window right after a pass, as long as `days`. */
  const after = (pass: PassBody, days = 3) => ({
    validFrom: pass.validUntil,
    validUntil: new Date(Date.parse(pass.validUntil) + days * DAY_MS).toISOString(),
  });
  const fromNow = (startDays: number, days: number) => ({
    validFrom: new Date(Date.now() + startDays * DAY_MS).toISOString(),
    validUntil: new Date(Date.now() + (startDays + days) * DAY_MS).toISOString(),
  });

  describe('POST /v1/passes/:id/renew', () => {
    it('applies again with every detail of the earlier pass for the new window, linked to it', async () => {
      const earlier = await apply(a.token, {
        plate: randomPlate(),
        trailerPlate: '豫B1234挂',
        cargoCategory: 'medical',
        cargoDescription: '疫苗',
        tonnage: '31.25',
      });
      const window = after(earlier);
      const res = await renew(a.token, earlier.id, window).expect(201);
      const renewal = res.body as PassBody;
      expect(renewal).toMatchObject({
        status: 'issued',
        renewedFrom: earlier.id,
        plate: earlier.plate,
        trailerPlate: '豫B1234挂',
        driverName: earlier.driverName,
        cargoCategory: 'medical',
        cargoDescription: '疫苗',
        tonnage: '31.250',
        originDivision: earlier.originDivision,
        destinationDivision: earlier.destinationDivision,
        validFrom: window.validFrom,
        validUntil: window.validUntil,
      });
      expect(renewal.id).not.toBe(earlier.id);
      expect(renewal.passNumber).toMatch(/^410202\d{6}$/);
      expect(renewal.passNumber).not.toBe(earlier.passNumber);
      expect(renewal.token).toMatch(/^EP1:/);
      // The owner reads it in full, with the same driver's phone as the earlier pass.
      const read = await get(a.token, renewal.id);
      expect(read).toMatchObject({ renewedFrom: earlier.id, driverPhone: '13912345678' });
      // The earlier pass is untouched.
      expect(await get(a.token, earlier.id)).toMatchObject({ status: 'issued', renewedFrom: null });

      const [entry] = await auditOf('pass.renewed', renewal.id);
      expect(entry).toMatchObject({
        actor: { role: 'enterprise' },
        target: { type: 'pass', id: renewal.id },
        details: { renewedFrom: earlier.id, status: 'issued', passNumber: renewal.passNumber },
      });
    });

    it('renews an expired pass', async () => {
      const earlier = await apply(a.token);
      // Time passes: the pass ended yesterday.
      await withPg((pg) =>
        pg.query(
          `UPDATE pass.passes SET valid_from = now() - interval '3 days',
             valid_until = now() - interval '1 day' WHERE id = $1`,
          [earlier.id],
        ),
      );
      const res = await renew(a.token, earlier.id, fromNow(0, 2)).expect(201);
      expect(res.body).toMatchObject({ status: 'issued', renewedFrom: earlier.id });
    });

    it('sends a cross-province renewal to review, as a new application', async () => {
      const pending = await apply(a.token, CROSS_PROVINCE);
      expect(pending.status).toBe('pending_review');
      await http(app).post(`/v1/passes/${pending.id}/approve`).set(bearer(official)).expect(200);
      const res = await renew(a.token, pending.id, after(pending)).expect(201);
      expect(res.body).toMatchObject({
        status: 'pending_review',
        passNumber: null,
        renewedFrom: pending.id,
      });
    });

    it('refuses a window that overlaps the pass it renews (the overlap rule of every application)', async () => {
      const earlier = await apply(a.token);
      const res = await renew(a.token, earlier.id, {
        validFrom: earlier.validFrom,
        validUntil: earlier.validUntil,
      }).expect(409);
      expect(res.body).toMatchObject({ code: 'PASS_OVERLAPS' });
    });

    it.each<[string, string, Record<string, unknown>]>([
      ['a start before today', 'VALIDITY_INVALID', fromNow(-2, 1)],
      ['a start past the allowed days', 'VALIDITY_INVALID', fromNow(20, 1)],
      [
        'an end before the start',
        'VALIDITY_INVALID',
        { ...fromNow(1, 1), validUntil: fromNow(0, 0).validFrom },
      ],
      ['more than the longest validity', 'VALIDITY_INVALID', fromNow(1, 40)],
      [
        'no zone',
        'VALIDITY_INVALID',
        { validFrom: '2030-01-01T00:00:00', validUntil: '2030-01-02T00:00:00' },
      ],
      [
        'year 9999',
        'VALIDITY_INVALID',
        { validFrom: '9999-01-01T00:00:00Z', validUntil: '9999-01-02T00:00:00Z' },
      ],
      ['not a date', 'VALIDITY_INVALID', { validFrom: 'tomorrow', validUntil: 12 }],
      ['no window', 'VALIDITY_INVALID', {}],
      ['a changed detail', 'UNKNOWN_FIELD', { ...fromNow(4, 1), plate: '豫B99999' }],
      ['a changed tonnage', 'UNKNOWN_FIELD', { ...fromNow(4, 1), tonnage: '99' }],
    ])('refuses %s with 400 %s', async (_, code, body) => {
      const earlier = await apply(a.token);
      const res = await renew(a.token, earlier.id, body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code });
    });

    it("answers 404 for another enterprise's pass, as for one that does not exist", async () => {
      const theirs = await apply(b.token);
      const res = await renew(a.token, theirs.id, after(theirs)).expect(404);
      expect(res.body).toMatchObject({ code: 'PASS_NOT_FOUND' });
      await renew(a.token, '00000000-0000-4000-8000-000000000000', after(theirs)).expect(404);
      await renew(a.token, 'not-a-uuid', after(theirs)).expect(404);
      await renew(a.token, `${theirs.id}' OR '1'='1`, after(theirs)).expect(404);
    });

    it('is for enterprises only', async () => {
      const earlier = await apply(a.token);
      await renew(official, earlier.id, after(earlier)).expect(403);
      await renew(admin, earlier.id, after(earlier)).expect(403);
      await http(app).post(`/v1/passes/${earlier.id}/renew`).send(after(earlier)).expect(401);
    });

    it('renews only an issued pass: pending, rejected, revoked and cancelled ones are 409', async () => {
      const pending = await apply(a.token, CROSS_PROVINCE);
      const rejected = await apply(a.token, CROSS_PROVINCE);
      await http(app)
        .post(`/v1/passes/${rejected.id}/reject`)
        .set(bearer(official))
        .send({ reason: '材料不全' })
        .expect(200);
      const revoked = await apply(a.token);
      await http(app)
        .post(`/v1/passes/${revoked.id}/revoke`)
        .set(bearer(a.token))
        .send({ reason: '车辆故障' })
        .expect(200);
      const cancelled = await apply(a.token, CROSS_PROVINCE);
      await cancel(a.token, cancelled.id).expect(200);
      for (const [pass, status] of [
        [pending, 'pending_review'],
        [rejected, 'rejected'],
        [revoked, 'revoked'],
        [cancelled, 'cancelled'],
      ] as const) {
        const res = await renew(a.token, pass.id, fromNow(5, 1)).expect(409);
        expect(res.body).toMatchObject({ code: 'PASS_STATE_CONFLICT' });
        expect((res.body as { message: string }).message).toContain(status);
      }
    });

    it('applies the enterprise rules of a new application: a suspended enterprise is refused', async () => {
      const c = await registerActiveEnterprise(app, '410204');
      const earlier = await apply(c.token);
      await http(app)
        .post(`/v1/enterprises/${c.id}/suspend`)
        .set(bearer(admin))
        .send({ reason: '检查整改', revokePasses: false })
        .expect(200);
      const res = await renew(c.token, earlier.id, after(earlier)).expect(403);
      expect(res.body).toMatchObject({ code: 'ENTERPRISE_NOT_ACTIVE' });
    });

    describe('Idempotency-Key', () => {
      it('answers a replay with the same renewal (200), also after the earlier pass changed', async () => {
        const earlier = await apply(a.token);
        const key = uniqueKey();
        const window = after(earlier);
        const first = await renew(a.token, earlier.id, window, key).expect(201);
        const again = await renew(a.token, earlier.id, window, key).expect(200);
        expect((again.body as PassBody).id).toBe((first.body as PassBody).id);
        // A retry after the earlier pass was revoked still gets the renewal it made.
        await http(app)
          .post(`/v1/passes/${earlier.id}/revoke`)
          .set(bearer(a.token))
          .send({ reason: '换车' })
          .expect(200);
        const later = await renew(a.token, earlier.id, window, key).expect(200);
        expect((later.body as PassBody).id).toBe((first.body as PassBody).id);
      });

      it('makes one renewal of requests sent at once with one key', async () => {
        const earlier = await apply(a.token);
        const key = uniqueKey();
        const window = after(earlier);
        const answers = await Promise.all(
          Array.from({ length: 5 }, () => renew(a.token, earlier.id, window, key)),
        );
        expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
        expect(new Set(answers.map((r) => (r.body as PassBody).id)).size).toBe(1);
      });

      it('refuses a key used for another window, or for a plain application with the same details', async () => {
        const earlier = await apply(a.token);
        const key = uniqueKey();
        await renew(a.token, earlier.id, after(earlier), key).expect(201);
        const other = await renew(a.token, earlier.id, after(earlier, 2), key).expect(422);
        expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });

        const second = await apply(a.token);
        const plainKey = uniqueKey();
        const window = after(second);
        const sameDetails = {
          plate: second.plate,
          driverName: second.driverName,
          driverPhone: '13912345678',
          cargoCategory: second.cargoCategory,
          cargoDescription: second.cargoDescription,
          tonnage: second.tonnage,
          originDivision: second.originDivision,
          destinationDivision: second.destinationDivision,
          ...window,
        };
        await http(app)
          .post('/v1/passes')
          .set(bearer(a.token))
          .set('idempotency-key', plainKey)
          .send(sameDetails)
          .expect(201);
        const reused = await renew(a.token, second.id, window, plainKey).expect(422);
        expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      });

      it('refuses a malformed key', async () => {
        const earlier = await apply(a.token);
        const res = await renew(a.token, earlier.id, after(earlier), 'x'.repeat(201)).expect(400);
        expect(res.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_INVALID' });
      });
    });
  });

  describe('POST /v1/passes/:id/cancel', () => {
    it('withdraws an application in review, frees its window and audits it', async () => {
      const pending = await apply(a.token, CROSS_PROVINCE);
      const res = await cancel(a.token, pending.id).expect(200);
      expect(res.body).toMatchObject({ id: pending.id, status: 'cancelled', passNumber: null });
      expect(Date.parse((res.body as PassBody).cancelledAt ?? '')).not.toBeNaN();
      expect(await get(a.token, pending.id)).toMatchObject({ status: 'cancelled' });

      const listed = await http(app)
        .get('/v1/passes?status=cancelled')
        .set(bearer(a.token))
        .expect(200);
      expect((listed.body as { items: PassBody[] }).items.map((p) => p.id)).toContain(pending.id);

      // The same plate and window may be applied for again.
      const again = await http(app)
        .post('/v1/passes')
        .set(bearer(a.token))
        .send(
          application({
            ...CROSS_PROVINCE,
            plate: pending.plate,
            validFrom: pending.validFrom,
            validUntil: pending.validUntil,
          }),
        )
        .expect(201);
      expect(again.body).toMatchObject({ status: 'pending_review' });

      const [entry] = await auditOf('pass.cancelled', pending.id);
      expect(entry).toMatchObject({
        actor: { role: 'enterprise' },
        target: { type: 'pass', id: pending.id },
      });
    });

    it('cannot cancel twice, nor an issued pass, nor approve a cancelled one', async () => {
      const pending = await apply(a.token, CROSS_PROVINCE);
      await cancel(a.token, pending.id).expect(200);
      const twice = await cancel(a.token, pending.id).expect(409);
      expect(twice.body).toMatchObject({ code: 'PASS_STATE_CONFLICT' });
      const approve = await http(app)
        .post(`/v1/passes/${pending.id}/approve`)
        .set(bearer(official))
        .expect(409);
      expect(approve.body).toMatchObject({ code: 'PASS_STATE_CONFLICT' });

      const issued = await apply(a.token);
      const res = await cancel(a.token, issued.id).expect(409);
      expect(res.body).toMatchObject({ code: 'PASS_STATE_CONFLICT' });
      expect(await get(a.token, issued.id)).toMatchObject({ status: 'issued' });
    });

    it("answers 404 for another enterprise's application and 403 to staff", async () => {
      const theirs = await apply(b.token, CROSS_PROVINCE);
      const res = await cancel(a.token, theirs.id).expect(404);
      expect(res.body).toMatchObject({ code: 'PASS_NOT_FOUND' });
      await cancel(official, theirs.id).expect(403);
      await cancel(admin, theirs.id).expect(403);
      await http(app).post(`/v1/passes/${theirs.id}/cancel`).expect(401);
      expect(await get(b.token, theirs.id)).toMatchObject({ status: 'pending_review' });
    });

    it('settles a cancel racing an approval with exactly one outcome', async () => {
      for (let round = 0; round < 8; round++) {
        const pending = await apply(a.token, CROSS_PROVINCE);
        const [cancelled, approved] = await Promise.all([
          cancel(a.token, pending.id),
          http(app).post(`/v1/passes/${pending.id}/approve`).set(bearer(official)),
        ]);
        expect([cancelled.status, approved.status].sort()).toEqual([200, 409]);
        const final = await get(a.token, pending.id);
        if (cancelled.status === 200) {
          expect(final).toMatchObject({ status: 'cancelled', passNumber: null });
          expect(approved.body).toMatchObject({ code: 'PASS_STATE_CONFLICT' });
        } else {
          expect(final).toMatchObject({ status: 'issued' });
          expect(cancelled.body).toMatchObject({ code: 'PASS_STATE_CONFLICT' });
        }
      }
    });

    it('writes no event: verify-service and reporting-service never hear of a cancelled application', async () => {
      const withdrawn = await apply(a.token, CROSS_PROVINCE);
      await cancel(a.token, withdrawn.id).expect(200);
      // A pass approved after the cancel: its pass.issued is published after anything the cancel
      // could have written (one relay, in outbox order).
      const sentinel = await apply(a.token, CROSS_PROVINCE);
      await http(app).post(`/v1/passes/${sentinel.id}/approve`).set(bearer(official)).expect(200);
      await waitFor(
        () => reader.messages.some((m) => m.key === sentinel.id),
        'the pass.issued of the pass approved after the cancel',
      );
      await reader.caughtUp();
      expect(reader.messages.filter((m) => m.key === withdrawn.id)).toEqual([]);
      const outbox = await withPg((pg) =>
        pg.query(`SELECT count(*)::int AS n FROM pass.outbox WHERE key = $1`, [withdrawn.id]),
      );
      expect(outbox.rows[0]).toEqual({ n: 0 });
    });
  });
});
