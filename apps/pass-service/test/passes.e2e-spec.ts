import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parsePassNumber } from '@app/domain';
import { withPg } from '../../../test/support/test-env';
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

interface ListedPass {
  id: string;
  enterpriseId: string;
  status: string;
  plate: string;
}
const itemsOf = (res: { body: unknown }) => (res.body as { items: ListedPass[] }).items;

/** Every string an error body holds (message, details), to prove none repeats the caller's input. */
const stringsOf = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : value !== null && typeof value === 'object'
      ? Object.values(value).flatMap(stringsOf)
      : [];
const echoes = (body: unknown, input: string) => stringsOf(body).some((s) => s.includes(input));

describe('pass-service passes: apply, issue, review, revoke, list', () => {
  let app: NestFastifyApplication;
  let admin: string;
  let official: string;
  let officer: string;
  let a: TestEnterprise;
  let b: TestEnterprise;

  beforeAll(async () => {
    app = await startPassService({ PASS_AUTO_APPROVE_MAX_TONNAGE: '40', PASS_MAX_TONNAGE: '60' });
    admin = await login(app, ADMIN.username, ADMIN.password);
    official = await staffToken(app, 'official', admin);
    officer = await staffToken(app, 'officer', admin);
    a = await registerActiveEnterprise(app, '410202');
    b = await registerActiveEnterprise(app, '410203');
  });

  afterAll(async () => {
    await app?.close();
  });

  const apply = (token: string, body: Record<string, unknown>, key?: string) => {
    const req = http(app).post('/v1/passes').set(bearer(token));
    return (key ? req.set('idempotency-key', key) : req).send(body);
  };

  const counts = () =>
    withPg(async (pg) => {
      // The outbox is not counted: the relay deletes what it has published, at its own pace.
      const { rows } = await pg.query<{ passes: string; serials: string }>(
        `SELECT (SELECT count(*) FROM pass.passes) AS passes,
                (SELECT coalesce(sum(last), 0) FROM pass.county_serials) AS serials`,
      );
      return rows[0];
    });

  describe('POST /v1/passes', () => {
    it('issues an intra-province pass at once with a 12-digit number from the enterprise county', async () => {
      const res = await apply(a.token, application()).expect(201);
      expect(res.body).toMatchObject({
        status: 'issued',
        enterpriseId: a.id,
        tonnage: '12.500',
        tonnageKg: 12500,
        crossProvince: false,
        originName: expect.stringContaining('开封'),
        token: expect.stringMatching(/^EP1:/),
      });
      expect(parsePassNumber(res.body.passNumber)?.countyCode).toBe('410202');
    });

    it('normalises full-width, lower-case and spaced plates, and takes the tractor of a combination', async () => {
      const cases: [string, string][] = [
        ['豫ｂ　１２３Ａ５', '豫B123A5'],
        ['豫b·d12345', '豫BD12345'],
        [' 豫B 12345F ', '豫B12345F'],
        ['豫B-7C9K2/豫B8J35挂', '豫B7C9K2'],
      ];
      for (const [typed, stored] of cases) {
        const res = await apply(a.token, application({ plate: typed })).expect(201);
        expect(res.body.plate).toBe(stored);
      }
    });

    it('accepts a JSON number or a decimal string for tonnage and stores exact kilograms', async () => {
      const asNumber = await apply(a.token, application({ tonnage: 0.001 })).expect(201);
      expect(asNumber.body.tonnageKg).toBe(1);
      const asString = await apply(a.token, application({ tonnage: '39.999' })).expect(201);
      expect(asString.body).toMatchObject({ tonnageKg: 39999, tonnage: '39.999' });
    });

    it.each([
      ['a police plate', { plate: '豫B1234警' }, 'PLATE_INVALID'],
      ['a plate with I', { plate: '豫BI2345' }, 'PLATE_INVALID'],
      ['a plate that is a number', { plate: 12345 }, 'PLATE_INVALID'],
      ['a landline number', { driverPhone: '0371-22334455' }, 'PHONE_INVALID'],
      ['an unknown cargo category', { cargoCategory: 'weapons' }, 'CARGO_INVALID'],
      ['zero tonnage', { tonnage: 0 }, 'TONNAGE_INVALID'],
      ['negative tonnage', { tonnage: '-1' }, 'TONNAGE_INVALID'],
      ['four decimals', { tonnage: '1.2345' }, 'TONNAGE_INVALID'],
      ['an exponent', { tonnage: '1e3' }, 'TONNAGE_INVALID'],
      ['more than the configured maximum', { tonnage: '60.001' }, 'TONNAGE_INVALID'],
      ['an unknown origin', { originDivision: '419999' }, 'DIVISION_UNKNOWN'],
      ['a city as destination', { destinationDivision: '410200' }, 'DIVISION_UNKNOWN'],
      [
        'a start yesterday',
        { validFrom: new Date(Date.now() - 2 * DAY_MS).toISOString() },
        'VALIDITY_INVALID',
      ],
      [
        'an end before the start',
        { validUntil: new Date(Date.now() - 1000).toISOString() },
        'VALIDITY_INVALID',
      ],
      [
        '31 days of validity',
        { validUntil: new Date(Date.now() + 31 * DAY_MS).toISOString() },
        'VALIDITY_INVALID',
      ],
      ['a date without a zone', { validFrom: '2030-01-01T00:00:00' }, 'VALIDITY_INVALID'],
      [
        "the issue's year-9999 window, whose end is in year 10000 UTC",
        { validFrom: '9999-12-20T00:00:00+08:00', validUntil: '9999-12-31T23:59:59-12:00' },
        'VALIDITY_INVALID',
      ],
      [
        'a start 16 days ahead (at most 14 by default)',
        {
          validFrom: new Date(Date.now() + 16 * DAY_MS).toISOString(),
          validUntil: new Date(Date.now() + 17 * DAY_MS).toISOString(),
        },
        'VALIDITY_INVALID',
      ],
      ['a start in year 0000', { validFrom: '0000-01-01T00:00:00Z' }, 'VALIDITY_INVALID'],
      ['an unknown field', { priority: 'urgent' }, 'UNKNOWN_FIELD'],
      ['a driver name with U+202E and BEL', { driverName: '李\u202e傅师\u0007' }, 'TEXT_INVALID'],
      ['a driver name with U+2066', { driverName: '\u2066李师傅' }, 'TEXT_INVALID'],
      ['a cargo description with NEL (U+0085)', { cargoDescription: '蔬菜\u0085' }, 'TEXT_INVALID'],
      [
        'a cargo description with a lone surrogate',
        { cargoDescription: '蔬\ud800菜' },
        'TEXT_INVALID',
      ],
      ['a missing driver name', { driverName: undefined }, 'DRIVER_NAME_INVALID'],
      // Refused by the platform for every route before any field check: Postgres text cannot hold it.
      ['a NUL character in the driver name', { driverName: 'a\u0000b' }, 'CONTROL_CHARACTER'],
    ])('refuses %s with 400 and its code, writing nothing', async (_, overrides, code) => {
      const before = await counts();
      const res = await apply(a.token, application(overrides)).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code, message: expect.any(String) });
      for (const [field, value] of Object.entries(overrides)) {
        if (typeof value === 'string' && value.length > 3)
          expect(echoes(res.body, value)).toBe(false);
        if (code === 'UNKNOWN_FIELD') expect(echoes(res.body, field)).toBe(false);
      }
      expect(await counts()).toEqual(before);
    });

    it('names the field whose text holds a forbidden character', async () => {
      const res = await apply(a.token, application({ driverName: '李\u202e师傅' })).expect(400);
      expect(res.body.message).toMatch(/^driverName: /);
    });

    it('refuses a body that is not JSON, and one over the size limit with 413', async () => {
      const notJson = await http(app)
        .post('/v1/passes')
        .set(bearer(a.token))
        .set('content-type', 'application/json')
        .send('{"plate":')
        .expect(400);
      expect(notJson.body.code).toBe('BODY_NOT_JSON');
      // The JSON parser's own message quotes the body; the answer must not.
      const quoted = await http(app)
        .post('/v1/passes')
        .set(bearer(a.token))
        .set('content-type', 'application/json')
        .send('not-json-at-all')
        .expect(400);
      expect(quoted.body.code).toBe('BODY_NOT_JSON');
      expect(echoes(quoted.body, 'not-json')).toBe(false);
      const huge = await apply(
        a.token,
        application({ cargoDescription: 'x'.repeat(70 * 1024) }),
      ).expect(413);
      expect(huge.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    });

    it('refuses a second live pass for the same plate in an overlapping window, and uses no number for it', async () => {
      const plate = randomPlate();
      const now = Date.now();
      const first = await apply(
        a.token,
        application({ plate, validUntil: new Date(now + 2 * DAY_MS).toISOString() }),
      ).expect(201);
      const before = await counts();
      // The holder itself: another enterprise would be refused as PLATE_HELD_BY_OTHER first.
      const res = await apply(
        a.token,
        application({
          plate: plate.replace('豫B', '豫b '),
          validFrom: new Date(now + DAY_MS).toISOString(),
          validUntil: new Date(now + 4 * DAY_MS).toISOString(),
        }),
      ).expect(409);
      expect(res.body.code).toBe('PASS_OVERLAPS');
      expect(await counts()).toEqual(before);
      // Back to back is not an overlap.
      await apply(
        a.token,
        application({
          plate,
          validFrom: first.body.validUntil,
          validUntil: new Date(now + 5 * DAY_MS).toISOString(),
        }),
      ).expect(201);
    });

    it('frees the plate once its pass is revoked', async () => {
      const plate = randomPlate();
      const first = await apply(a.token, application({ plate })).expect(201);
      await http(app)
        .post(`/v1/passes/${first.body.id}/revoke`)
        .set(bearer(a.token))
        .send({ reason: '车辆故障' })
        .expect(200);
      await apply(a.token, application({ plate })).expect(201);
    });

    it('answers 20 parallel requests with one Idempotency-Key with one pass', async () => {
      const key = uniqueKey();
      const body = application();
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => apply(a.token, body, key)),
      );
      const statuses = responses.map((r) => r.status).sort((x, y) => x - y);
      expect(statuses).toEqual([...Array(19).fill(200), 201]);
      const ids = new Set(responses.map((r) => r.body.id as string));
      const numbers = new Set(responses.map((r) => r.body.passNumber as string));
      expect(ids.size).toBe(1);
      expect(numbers.size).toBe(1);
      const stored = await withPg((pg) =>
        pg.query('SELECT count(*)::int AS n FROM pass.passes WHERE idempotency_key = $1', [key]),
      );
      expect(stored.rows[0].n).toBe(1);
    });

    it('treats a retry with the plate typed differently as the same request', async () => {
      const key = uniqueKey();
      const body = application();
      const first = await apply(a.token, body, key).expect(201);
      const retry = await apply(
        a.token,
        { ...body, plate: ` ${String(body.plate).toLowerCase()} ` },
        key,
      ).expect(200);
      expect(retry.body.id).toBe(first.body.id);
    });

    it('refuses an Idempotency-Key reused for a different body with 422', async () => {
      const key = uniqueKey();
      await apply(a.token, application(), key).expect(201);
      const res = await apply(a.token, application(), key).expect(422);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('keeps idempotency keys per enterprise', async () => {
      const key = uniqueKey();
      const fromA = await apply(a.token, application(), key).expect(201);
      const fromB = await apply(b.token, application(), key).expect(201);
      expect(fromB.body.id).not.toBe(fromA.body.id);
    });

    it('refuses a malformed Idempotency-Key', async () => {
      const res = await apply(a.token, application(), 'has spaces in it').expect(400);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_INVALID');
    });

    it('gives 200 concurrent issues in one county 200 distinct consecutive pass numbers', async () => {
      const lankao = await registerActiveEnterprise(app, '410225');
      const responses = await Promise.all(
        Array.from({ length: 200 }, () => apply(lankao.token, application())),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(200).fill(201));
      const serials = responses
        .map((r) => parsePassNumber(r.body.passNumber as string))
        .map((parts) => {
          expect(parts?.countyCode).toBe('410225');
          return parts?.serial ?? 0;
        })
        .sort((x, y) => x - y);
      expect(serials).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    });

    it('refuses only the overlapping ones among concurrent applications, numbering the rest without gaps', async () => {
      const weishi = await registerActiveEnterprise(app, '410223');
      const contested = randomPlate('豫C');
      const bodies = [
        ...Array.from({ length: 5 }, () => application({ plate: contested })),
        ...Array.from({ length: 15 }, () => application()),
      ];
      const responses = await Promise.all(bodies.map((body) => apply(weishi.token, body)));
      const byStatus = (status: number) => responses.filter((r) => r.status === status);
      expect(byStatus(201)).toHaveLength(16);
      expect(byStatus(409).map((r) => (r.body as { code: string }).code)).toEqual(
        Array(4).fill('PASS_OVERLAPS'),
      );
      const serials = byStatus(201)
        .map((r) => parsePassNumber((r.body as { passNumber: string }).passNumber)?.serial ?? 0)
        .sort((x, y) => x - y);
      expect(serials).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    });

    it('refuses only the applications of a county that has used all its numbers', async () => {
      const qixian = await registerActiveEnterprise(app, '410221');
      const tongxu = await registerActiveEnterprise(app, '410222');
      await withPg((pg) =>
        pg.query(
          `INSERT INTO pass.county_serials (county, last) VALUES ('410221', 999999)
           ON CONFLICT (county) DO UPDATE SET last = 999999`,
        ),
      );
      // Concurrent, so the two counties share issuing transactions.
      const responses = await Promise.all([
        ...Array.from({ length: 3 }, () => apply(qixian.token, application())),
        ...Array.from({ length: 10 }, () => apply(tongxu.token, application())),
      ]);
      for (const refused of responses.slice(0, 3)) {
        expect(refused.status).toBe(409);
        expect(refused.body).toMatchObject({ code: 'PASS_NUMBERS_EXHAUSTED' });
      }
      const serials = responses
        .slice(3)
        .map((r) => parsePassNumber(r.body.passNumber as string)?.serial ?? 0)
        .sort((x, y) => x - y);
      expect(serials).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      const { rows } = await withPg((pg) =>
        pg.query<{ last: number }>(`SELECT last FROM pass.county_serials WHERE county = '410221'`),
      );
      expect(rows[0].last).toBe(999_999);
    });

    it('is for enterprises only', async () => {
      await apply(official, application()).expect(403);
      await apply(officer, application()).expect(403);
      await apply(admin, application()).expect(403);
      await http(app).post('/v1/passes').send(application()).expect(401);
    });
  });

  describe('review', () => {
    it('sends a cross-province pass to review, and issues it with a number on approval', async () => {
      const applied = await apply(
        a.token,
        application({ destinationDivision: '320102', cargoCategory: 'medical' }),
      ).expect(201);
      expect(applied.body).toMatchObject({
        status: 'pending_review',
        passNumber: null,
        token: null,
        crossProvince: true,
      });
      await http(app).get(`/v1/passes/${applied.body.id}/qr.svg`).set(bearer(a.token)).expect(409);
      await http(app)
        .post(`/v1/passes/${applied.body.id}/approve`)
        .set(bearer(a.token))
        .expect(403);

      const approved = await http(app)
        .post(`/v1/passes/${applied.body.id}/approve`)
        .set(bearer(official))
        .expect(200);
      expect(approved.body).toMatchObject({
        status: 'issued',
        token: expect.stringMatching(/^EP1:/),
      });
      expect(parsePassNumber(approved.body.passNumber)?.countyCode).toBe('410202');

      const again = await http(app)
        .post(`/v1/passes/${applied.body.id}/approve`)
        .set(bearer(official))
        .expect(409);
      expect(again.body.code).toBe('PASS_STATE_CONFLICT');
    });

    it('sends an intra-province pass over the auto-approval tonnage to review', async () => {
      const res = await apply(a.token, application({ tonnage: '40.001' })).expect(201);
      expect(res.body.status).toBe('pending_review');
    });

    it('rejects with a reason that the enterprise then sees, and frees the plate', async () => {
      const plate = randomPlate('豫A');
      const applied = await apply(
        a.token,
        application({ plate, destinationDivision: '130102' }),
      ).expect(201);
      await http(app)
        .post(`/v1/passes/${applied.body.id}/reject`)
        .set(bearer(official))
        .send({})
        .expect(400);
      await http(app)
        .post(`/v1/passes/${applied.body.id}/reject`)
        .set(bearer(official))
        .send({ reason: '目的地不在保供名单' })
        .expect(200);
      const seen = await http(app)
        .get(`/v1/passes/${applied.body.id}`)
        .set(bearer(a.token))
        .expect(200);
      expect(seen.body).toMatchObject({
        status: 'rejected',
        rejectionReason: '目的地不在保供名单',
      });
      const approve = await http(app)
        .post(`/v1/passes/${applied.body.id}/approve`)
        .set(bearer(official))
        .expect(409);
      expect(approve.body.code).toBe('PASS_STATE_CONFLICT');
      await apply(a.token, application({ plate })).expect(201);
    });
  });

  describe('revoke', () => {
    it('lets the owner, an official and an admin revoke an issued pass, once', async () => {
      for (const token of [a.token, official, admin]) {
        const pass = await apply(a.token, application()).expect(201);
        const res = await http(app)
          .post(`/v1/passes/${pass.body.id}/revoke`)
          .set(bearer(token))
          .send({ reason: '运输任务取消' })
          .expect(200);
        expect(res.body).toMatchObject({ status: 'revoked', revocationReason: '运输任务取消' });
        const twice = await http(app)
          .post(`/v1/passes/${pass.body.id}/revoke`)
          .set(bearer(token))
          .send({ reason: 'again' })
          .expect(409);
        expect(twice.body.code).toBe('PASS_STATE_CONFLICT');
      }
    });

    it('refuses an officer, a pending pass and an empty reason', async () => {
      const issued = await apply(a.token, application()).expect(201);
      await http(app)
        .post(`/v1/passes/${issued.body.id}/revoke`)
        .set(bearer(officer))
        .send({ reason: 'x' })
        .expect(403);
      const empty = await http(app)
        .post(`/v1/passes/${issued.body.id}/revoke`)
        .set(bearer(a.token))
        .send({ reason: '  ' })
        .expect(400);
      expect(empty.body.code).toBe('REASON_INVALID');
      for (const reason of ['车辆\u202e故障', 'ding\u0007', 'a\u0085b']) {
        const hostile = await http(app)
          .post(`/v1/passes/${issued.body.id}/revoke`)
          .set(bearer(a.token))
          .send({ reason })
          .expect(400);
        expect(hostile.body.code).toBe('TEXT_INVALID');
        expect(echoes(hostile.body, reason)).toBe(false);
      }
      const pending = await apply(a.token, application({ destinationDivision: '320102' })).expect(
        201,
      );
      await http(app)
        .post(`/v1/passes/${pending.body.id}/revoke`)
        .set(bearer(official))
        .send({ reason: 'x' })
        .expect(409);
    });
  });

  describe('visibility', () => {
    it("answers 404 when enterprise A reads, revokes or downloads enterprise B's pass", async () => {
      const theirs = await apply(b.token, application()).expect(201);
      const id = theirs.body.id as string;
      for (const path of [
        `/v1/passes/${id}`,
        `/v1/passes/${id}/qr.svg`,
        `/v1/passes/${id}/qr.png`,
        `/v1/passes/${id}/print`,
      ]) {
        const res = await http(app).get(path).set(bearer(a.token)).expect(404);
        expect(res.body.code).toBe('PASS_NOT_FOUND');
      }
      const revoke = await http(app)
        .post(`/v1/passes/${id}/revoke`)
        .set(bearer(a.token))
        .send({ reason: 'mine now' })
        .expect(404);
      expect(revoke.body.code).toBe('PASS_NOT_FOUND');
      const still = await http(app).get(`/v1/passes/${id}`).set(bearer(b.token)).expect(200);
      expect(still.body.status).toBe('issued');
    });

    it('answers 404 for ids that do not exist or are not ids', async () => {
      await http(app)
        .get('/v1/passes/8f0c7a5e-8f7e-4d7e-9a55-0a1b2c3d4e5f')
        .set(bearer(official))
        .expect(404);
      const res = await http(app).get("/v1/passes/1'%20or%201=1").set(bearer(official)).expect(404);
      expect(res.body.code).toBe('PASS_NOT_FOUND');
      expect(echoes(res.body, "1' or 1=1")).toBe(false);
      // A right-to-left override in the id must not come back to make the message read otherwise.
      const rlo = await http(app)
        .get('/v1/passes/abc%E2%80%AEdef')
        .set(bearer(official))
        .expect(404);
      expect(rlo.body.code).toBe('PASS_NOT_FOUND');
      expect(echoes(rlo.body, 'abc')).toBe(false);
      // Nor does the framework's own 404 for a route that does not exist.
      const route = await http(app).get('/v1/no-such-route-xyz').set(bearer(official)).expect(404);
      expect(route.body.code).toBe('NOT_FOUND');
      expect(echoes(route.body, 'no-such-route-xyz')).toBe(false);
    });

    it('lists only its own passes to an enterprise, and everything to officials, with filters', async () => {
      const mine = await http(app).get('/v1/passes?limit=200').set(bearer(a.token)).expect(200);
      expect(itemsOf(mine).length).toBeGreaterThan(0);
      expect(itemsOf(mine).every((p) => p.enterpriseId === a.id)).toBe(true);
      expect(itemsOf(mine)[0]).not.toHaveProperty('token');
      const peek = await http(app)
        .get(`/v1/passes?enterpriseId=${b.id}`)
        .set(bearer(a.token))
        .expect(200);
      expect(peek.body).toEqual({ items: [], nextCursor: null });

      const theirs = await http(app)
        .get(`/v1/passes?enterpriseId=${b.id}`)
        .set(bearer(official))
        .expect(200);
      expect(itemsOf(theirs).every((p) => p.enterpriseId === b.id)).toBe(true);
      const pending = await http(app)
        .get('/v1/passes?status=pending_review')
        .set(bearer(admin))
        .expect(200);
      expect(itemsOf(pending).every((p) => p.status === 'pending_review')).toBe(true);

      const plate = randomPlate();
      await apply(a.token, application({ plate })).expect(201);
      const byPlate = await http(app)
        .get(`/v1/passes?plate=${encodeURIComponent(plate.toLowerCase())}`)
        .set(bearer(official))
        .expect(200);
      expect(itemsOf(byPlate).map((p) => p.plate)).toEqual([plate]);
      await http(app).get('/v1/passes').set(bearer(officer)).expect(403);
    });

    it('pages with a cursor, newest first, without repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await http(app)
          .get(`/v1/passes?limit=7${cursor ? `&cursor=${cursor}` : ''}`)
          .set(bearer(b.token))
          .expect(200);
        seen.push(...itemsOf(res).map((p) => p.id));
        cursor = res.body.nextCursor as string | null;
      } while (cursor);
      const all = await http(app).get('/v1/passes?limit=200').set(bearer(b.token)).expect(200);
      expect(seen).toEqual(itemsOf(all).map((p) => p.id));
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('refuses bad list queries with 400', async () => {
      for (const [query, code] of [
        ['limit=0', 'LIMIT_INVALID'],
        ['status=lost', 'STATUS_INVALID'],
        ['cursor=abc', 'CURSOR_INVALID'],
        ['enterpriseId=nope', 'ENTERPRISE_ID_INVALID'],
        ['sort=asc', 'UNKNOWN_FIELD'],
        ['plate=%E8%B1%ABB%07123', 'TEXT_INVALID'],
      ]) {
        const res = await http(app).get(`/v1/passes?${query}`).set(bearer(official)).expect(400);
        expect(res.body.code).toBe(code);
        const [key, value] = query.split('=').map(decodeURIComponent);
        if (value.length > 3) expect(echoes(res.body, value)).toBe(false);
        if (code === 'UNKNOWN_FIELD') expect(echoes(res.body, key)).toBe(false);
      }
    });
  });
});
