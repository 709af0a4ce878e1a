import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { PASS_QR_PREFIX, parseTopicEvent, Topic } from '@app/contracts';
import { jwkThumbprint, publicJwkOf, twinSignature } from '@app/pass-token';
import jwt from 'jsonwebtoken';
import { TEST_METRICS_TOKEN } from '../../../test/support/service-apps';
import { TopicReader } from '../../../test/support/topic-reader';
import { waitFor, withPg } from '../../../test/support/test-env';
import { CHECKPOINTS, VerifyHarness } from './verify-harness';

const now = () => Math.floor(Date.now() / 1000);
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('verify-service: POST /v1/verifications on the real Kafka and PostgreSQL', () => {
  const harness = new VerifyHarness({ VERIFY_CLOCK_LEEWAY_SECONDS: '120' });
  let checkpointEvents: TopicReader;

  beforeAll(async () => {
    await harness.setUp();
    checkpointEvents = await new TopicReader(Topic.Checkpoint).start();
  });
  afterAll(async () => {
    await checkpointEvents?.stop();
    await harness.tearDown();
  });

  const scan = async (qr: string, extra: Record<string, unknown> = {}) => {
    return harness.scan(qr, extra);
  };

  it('accepts a valid pass and shows the officer the pass, the leeway and the sync time', async () => {
    const content = harness.content({ t: 12_345 });
    const body = await scan(harness.qr(content));
    expect(body).toMatchObject({
      verdict: 'accepted',
      reason: null,
      cloneSuspected: false,
      clockLeewaySeconds: 0,
      routeMatch: 'county',
      pass: {
        id: null,
        passNumber: content.pn,
        plate: '豫B12345',
        cargoCategory: 'daily_necessities',
        tonnage: '12.345',
        originDivision: '410205',
        originName: '河南省 开封市 禹王台区',
        destinationDivision: '410102',
        destinationName: '河南省 郑州市 中原区',
        validUntil: new Date(content.exp * 1000).toISOString(),
        enterpriseCreditCode: '91410200MA44111101',
      },
    });
    expect(typeof body.keysSyncedAt).toBe('string');
    expect(Date.parse(String(body.checkedAt))).toBeGreaterThan(Date.now() - 60_000);
  });

  it('answers NOT_A_PASS for foreign QR codes, garbage and oversized text', async () => {
    for (const qr of ['https://example.com/x', '', 'EP1:garbage', `EP1:${'a'.repeat(1500)}`]) {
      const body = await scan(qr);
      expect({
        qr: qr.slice(0, 20),
        verdict: body.verdict,
        reason: body.reason,
        pass: body.pass,
      }).toEqual({
        qr: qr.slice(0, 20),
        verdict: 'rejected',
        reason: 'NOT_A_PASS',
        pass: null,
      });
    }
  });

  it('answers SIGNATURE_INVALID for tampering, alg none, HS256 with the public key, and a forged kid', async () => {
    const content = harness.content();
    const qr = harness.qr(content);
    const [header, payload, signature] = qr.slice(PASS_QR_PREFIX.length).split('.');
    const raised = b64({ ...content, t: 99_000, iss: 'epass' });
    const publicPem = publicJwkOf(harness.passKey.privateKey);
    const hs256 = jwt.sign({ ...content, iss: 'epass' }, JSON.stringify(publicPem), {
      algorithm: 'HS256',
      keyid: harness.passKey.kid,
    });
    const impostor = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const forgedKid = harness.qr(content, { kid: harness.passKey.kid, privateKey: impostor });
    const attacks = [
      `${PASS_QR_PREFIX}${header}.${raised}.${signature}`,
      `${PASS_QR_PREFIX}${header}.${payload}.${signature.slice(0, -4)}AAAA`,
      `${PASS_QR_PREFIX}${b64({ alg: 'none', kid: harness.passKey.kid })}.${payload}.x`,
      `${PASS_QR_PREFIX}${hs256}`,
      forgedKid,
    ];
    for (const attack of attacks) {
      const body = await scan(attack);
      expect(body).toMatchObject({ verdict: 'rejected', reason: 'SIGNATURE_INVALID', pass: null });
    }
  });

  it('refuses the twin signature of a genuine pass, and still accepts a legacy pass signed with a high S', async () => {
    const qr = harness.qr();
    const [header, payload, signature] = qr.slice(PASS_QR_PREFIX.length).split('.');
    const twin = twinSignature(Buffer.from(signature, 'base64url')).toString('base64url');
    expect(await scan(`${PASS_QR_PREFIX}${header}.${payload}.${twin}`)).toMatchObject({
      verdict: 'rejected',
      reason: 'SIGNATURE_INVALID',
      pass: null,
    });
    const legacy = harness.legacyQr(harness.content(), randomUUID(), 'high');
    expect(await scan(legacy)).toMatchObject({ verdict: 'accepted', reason: null });
  });

  it('answers EXPIRED and NOT_YET_VALID beyond the leeway, and reports the leeway it used', async () => {
    const expired = await scan(harness.qr({ nbf: now() - 7200, exp: now() - 600 }));
    expect(expired).toMatchObject({ verdict: 'rejected', reason: 'EXPIRED' });
    expect(expired.pass).not.toBeNull();
    const early = await scan(harness.qr({ nbf: now() + 3600, exp: now() + 7200 }));
    expect(early).toMatchObject({ verdict: 'rejected', reason: 'NOT_YET_VALID' });
    const nearlyValid = await scan(harness.qr({ nbf: now() + 60, exp: now() + 7200 }));
    expect(nearlyValid).toMatchObject({ verdict: 'accepted' });
    expect(nearlyValid.clockLeewaySeconds).toBeGreaterThanOrEqual(55);
    expect(nearlyValid.clockLeewaySeconds).toBeLessThanOrEqual(60);
  });

  it('answers UNKNOWN_KEY for a key nobody published', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const kid = jwkThumbprint(publicJwkOf(publicKey));
    const body = await scan(harness.qr(harness.content(), { kid, privateKey }));
    expect(body).toMatchObject({ verdict: 'rejected', reason: 'UNKNOWN_KEY', pass: null });
  });

  it('compares the typed plate after normalising full-width characters, case and spaces', async () => {
    const qr = harness.qr({ pl: '豫B12345' });
    expect(await scan(qr, { observedPlate: ' 豫ｂ·１２３ 45 ' })).toMatchObject({
      verdict: 'accepted',
    });
    expect(
      await scan(qr, { observedPlate: '豫B12345/豫C1234挂', direction: 'exit' }),
    ).toMatchObject({
      verdict: 'accepted',
    });
    expect(await scan(qr, { observedPlate: '豫B54321' })).toMatchObject({
      verdict: 'rejected',
      reason: 'PLATE_MISMATCH',
    });
  });

  it('accepts Kaifeng → Zhengzhou in Kaifeng and Zhengzhou, and refuses it in Guangzhou', async () => {
    const qr = harness.qr({ o: '410205', d: '410102' });
    const at = async (checkpointCode: string) =>
      (await harness.verify({ qr, checkpointCode, direction: 'exit' }).expect(200)).body as Record<
        string,
        unknown
      >;
    expect(await at(CHECKPOINTS.kaifeng.code)).toMatchObject({
      verdict: 'accepted',
      routeMatch: 'county',
    });
    expect(await at(CHECKPOINTS.zhengzhou.code)).toMatchObject({
      verdict: 'accepted',
      routeMatch: 'county',
    });
    const guangzhou = await at(CHECKPOINTS.guangzhou.code);
    expect(guangzhou).toMatchObject({ verdict: 'rejected', reason: 'OUTSIDE_ROUTE' });
  });

  it('flags a pass accepted twice at one entry without an exit, and one that travels impossibly fast', async () => {
    const qr = harness.qr();
    expect(await scan(qr)).toMatchObject({ verdict: 'accepted', cloneSuspected: false });
    expect(await scan(qr, { direction: 'exit' })).toMatchObject({ cloneSuspected: false });
    expect(await scan(qr)).toMatchObject({ verdict: 'accepted', cloneSuspected: false });
    const again = await scan(qr);
    expect(again).toMatchObject({ verdict: 'accepted', cloneSuspected: true });

    // By pass number: the same pass, as a legacy token, entering again without an exit.
    const pass = harness.content();
    expect(await scan(harness.qr(pass))).toMatchObject({ cloneSuspected: false });
    expect(await scan(harness.legacyQr(pass))).toMatchObject({
      verdict: 'accepted',
      cloneSuspected: true,
    });

    const roaming = harness.qr({ o: '410205', d: '410102' });
    expect(await scan(roaming, { direction: 'exit' })).toMatchObject({ cloneSuspected: false });
    const zhengzhou = await harness
      .verify({ qr: roaming, checkpointCode: CHECKPOINTS.zhengzhou.code, direction: 'entry' })
      .expect(200);
    expect(zhengzhou.body).toMatchObject({ verdict: 'accepted', cloneSuspected: true });

    const stored = await withPg((c) =>
      c.query('SELECT clone_suspected FROM verify.scans WHERE id = $1', [again.scanId]),
    );
    expect(stored.rows).toEqual([{ clone_suspected: true }]);
    const metrics = await harness.get('/metrics', TEST_METRICS_TOKEN).expect(200);
    expect(metrics.text).toMatch(
      /epass_verify_clone_suspected_total\{rule="reentry_without_exit"\} [1-9]/,
    );
    expect(metrics.text).toMatch(
      /epass_verify_clone_suspected_total\{rule="impossible_travel"\} [1-9]/,
    );
  });

  it('refuses enterprises (403), officers at another checkpoint (403) and callers without a token (401)', async () => {
    const body = { qr: harness.qr(), checkpointCode: CHECKPOINTS.kaifeng.code, direction: 'entry' };
    const enterprise = await harness.verify(body, harness.identity.token('enterprise')).expect(403);
    expect(enterprise.body.code).toBe('FORBIDDEN');
    const elsewhere = await harness
      .verify(body, harness.officer(CHECKPOINTS.zhengzhou.code))
      .expect(403);
    expect(elsewhere.body.code).toBe('CHECKPOINT_FORBIDDEN');
    const anonymous = await harness.verify(body, null).expect(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    const unknown = await harness
      .verify({ ...body, checkpointCode: 'CP-NOWHERE' }, harness.officer('CP-NOWHERE'))
      .expect(404);
    expect(unknown.body.code).toBe('CHECKPOINT_UNKNOWN');
    expect(JSON.stringify(unknown.body)).not.toContain('CP-NOWHERE');
  });

  it('answers malformed requests with 400 and a stable code, never a 500', async () => {
    const valid = {
      qr: harness.qr(),
      checkpointCode: CHECKPOINTS.kaifeng.code,
      direction: 'entry',
    };
    const cases: [unknown, string][] = [
      [{ ...valid, observedPlate: 'not a plate' }, 'PLATE_INVALID'],
      [{ ...valid, extra: 1 }, 'UNKNOWN_FIELD'],
      [{ ...valid, direction: 'sideways' }, 'VALIDATION_FAILED'],
      [{ ...valid, qr: 'x'.repeat(2049) }, 'VALIDATION_FAILED'],
      [{ ...valid, qr: 42 }, 'VALIDATION_FAILED'],
      [{ checkpointCode: valid.checkpointCode }, 'VALIDATION_FAILED'],
      [[valid], 'VALIDATION_FAILED'],
      [{ ...valid, scannedAt: 'yesterday' }, 'SCANNED_AT_INVALID'],
      [{ ...valid, scannedAt: '2022-04-07T08:00:00' }, 'SCANNED_AT_INVALID'],
      [{ ...valid, checkpointCode: 'CP\u202e-10-FK' }, 'TEXT_INVALID'],
      [{ ...valid, checkpointCode: 'CP-KF\u0007' }, 'TEXT_INVALID'],
    ];
    for (const [body, code] of cases) {
      const res = await harness
        .verify(body as Record<string, unknown>, harness.officer())
        .expect(400);
      expect({ body, code: res.body.code }).toEqual({ body, code });
      expect(JSON.stringify(res.body)).not.toContain('extra');
      expect(JSON.stringify(res.body)).not.toContain('yesterday');
      expect(JSON.stringify(res.body)).not.toContain('-10-FK');
    }
    const notJson = await harness
      .post('/v1/verifications', '{"qr":', harness.officer())
      .set('content-type', 'application/json')
      .expect(400);
    expect(notJson.body.code).toBe('BODY_NOT_JSON');
  });

  it("refuses a device time outside the offline queue's age and the clock skew with 400, recording nothing", async () => {
    const hour = 3_600_000;
    const cases: [string, string][] = [
      ["the issue's year 0000", '0000-01-01T00:00:00Z'],
      ['year 9999 at -12:00, which is year 10000 in UTC', '9999-12-31T23:59:59-12:00'],
      ['8 days ago (the queue keeps 7)', new Date(Date.now() - 8 * 24 * hour).toISOString()],
      ['10 minutes ahead (5 allowed)', new Date(Date.now() + hour / 6).toISOString()],
    ];
    for (const [label, scannedAt] of cases) {
      const clientScanId = randomUUID();
      const res = await harness
        .verify({
          qr: harness.qr(),
          checkpointCode: CHECKPOINTS.kaifeng.code,
          direction: 'entry',
          clientScanId,
          scannedAt,
        })
        .expect(400);
      expect({ label, code: res.body.code }).toEqual({ label, code: 'SCANNED_AT_OUT_OF_RANGE' });
      expect(res.body.message).toMatch(/^scannedAt: /);
      expect(JSON.stringify(res.body)).not.toContain(scannedAt);
      const stored = await withPg((c) =>
        c.query('SELECT 1 FROM verify.scans WHERE id = $1', [clientScanId]),
      );
      expect(stored.rows).toEqual([]);
    }
  });

  it('takes a scan queued offline for 6 days and one from a clock 2 minutes fast', async () => {
    for (const offset of [-6 * 86_400_000, 120_000]) {
      const body = await scan(harness.qr(), {
        clientScanId: randomUUID(),
        scannedAt: new Date(Date.now() + offset).toISOString(),
      });
      expect(body).toMatchObject({ verdict: 'accepted' });
    }
  });

  it("no longer lets one scan's impossible time fail the group commit of the others", async () => {
    const responses = await Promise.all([
      ...Array.from({ length: 8 }, () =>
        harness.verify({
          qr: harness.qr(),
          checkpointCode: CHECKPOINTS.kaifeng.code,
          direction: 'exit',
          clientScanId: randomUUID(),
          scannedAt: new Date().toISOString(),
        }),
      ),
      harness.verify({
        qr: harness.qr(),
        checkpointCode: CHECKPOINTS.kaifeng.code,
        direction: 'exit',
        clientScanId: randomUUID(),
        scannedAt: '0000-01-01T00:00:00Z',
      }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([...Array(8).fill(200), 400]);
  });

  it('records concurrent scans through group commit and answers each after its commit', async () => {
    const bodies = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        scan(harness.qr(), { direction: i % 2 ? 'entry' : 'exit' }),
      ),
    );
    expect(bodies.every((b) => b.verdict === 'accepted')).toBe(true);
    const ids = bodies.map((b) => String(b.scanId));
    const stored = await withPg((c) =>
      c.query('SELECT count(*)::int AS n FROM verify.scans WHERE id = ANY($1::uuid[])', [ids]),
    );
    expect(stored.rows).toEqual([{ n: 60 }]);
  });

  it('takes a clientScanId written in capitals as the same id, recorded once with its event', async () => {
    const clientScanId = randomUUID();
    const qr = harness.qr(harness.content());
    const first = await harness.scan(qr, { clientScanId: clientScanId.toUpperCase() });
    const again = await harness.scan(qr, { clientScanId });
    expect(first).toMatchObject({ verdict: 'accepted', scanId: clientScanId, replayed: false });
    expect(again).toMatchObject({ scanId: clientScanId, replayed: true });
  });

  it('records a scan resent by an offline queue (same clientScanId) once, answering the first verdict again', async () => {
    const clientScanId = randomUUID();
    const scannedAt = new Date(Date.now() - 90_000).toISOString();
    const qr = harness.qr(harness.content());
    const first = await harness.scan(qr, { clientScanId, scannedAt });
    const again = await harness.scan(qr, { clientScanId, scannedAt });
    expect(first).toMatchObject({ verdict: 'accepted', scanId: clientScanId, replayed: false });
    expect(again).toMatchObject({
      verdict: 'accepted',
      scanId: clientScanId,
      checkedAt: first.checkedAt,
      replayed: true,
    });
    const stored = await withPg((c) =>
      c.query<{ device_scanned_at: Date }>(
        'SELECT device_scanned_at FROM verify.scans WHERE id = $1',
        [clientScanId],
      ),
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].device_scanned_at.toISOString()).toBe(scannedAt);
  });

  it('refuses a clientScanId used again for another request with 409 SCAN_ID_CONFLICT, recording nothing', async () => {
    const clientScanId = randomUUID();
    const qr = harness.qr();
    const first = await scan(qr, { clientScanId });
    expect(first).toMatchObject({ verdict: 'accepted', scanId: clientScanId });
    const revoked = harness.content();
    await harness.send([harness.revoked(revoked)]);
    await harness.revocationApplied(revoked.pn);
    const zhengzhou = CHECKPOINTS.zhengzhou.code;
    const reuses = [
      // another QR (a revoked pass), same checkpoint and officer
      harness.verify({
        qr: harness.qr(revoked),
        checkpointCode: CHECKPOINTS.kaifeng.code,
        direction: 'entry',
        clientScanId,
      }),
      // the same QR the other way
      harness.verify({
        qr,
        checkpointCode: CHECKPOINTS.kaifeng.code,
        direction: 'exit',
        clientScanId,
      }),
      // another officer at another checkpoint, with garbage
      harness.verify({
        qr: 'garbage',
        checkpointCode: zhengzhou,
        direction: 'entry',
        clientScanId,
      }),
    ];
    for (const res of await Promise.all(reuses)) {
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'SCAN_ID_CONFLICT' });
      expect(JSON.stringify(res.body)).not.toContain('accepted');
    }
    const rows = await withPg((c) =>
      c.query('SELECT checkpoint_code, verdict FROM verify.scans WHERE id = $1', [clientScanId]),
    );
    expect(rows.rows).toEqual([{ checkpoint_code: CHECKPOINTS.kaifeng.code, verdict: 'accepted' }]);
    // The very same request still replays the first verdict.
    expect(await harness.scan(qr, { clientScanId })).toMatchObject({
      verdict: 'accepted',
      replayed: true,
    });
  });

  it('tells a resend from a reused id when both arrive in the same group commit', async () => {
    const clientScanId = randomUUID();
    const qr = harness.qr();
    const body = { qr, checkpointCode: CHECKPOINTS.kaifeng.code, direction: 'entry', clientScanId };
    const [a, b, other] = await Promise.all([
      harness.verify(body),
      harness.verify(body),
      harness.verify({ ...body, qr: harness.qr() }),
    ]);
    // Whichever request is stored first owns the id. If it is the pair, one of them recorded it
    // and the other got the same verdict back, and the other QR is a conflict; if it is the
    // other QR, both sends of the pair are conflicts.
    if (other.status === 409) {
      expect([a.status, b.status]).toEqual([200, 200]);
      expect([a.body.replayed, b.body.replayed].sort()).toEqual([false, true]);
    } else {
      expect(other.status).toBe(200);
      expect([a.status, b.status]).toEqual([409, 409]);
    }
    const rows = await withPg((c) =>
      c.query('SELECT count(*)::int AS n FROM verify.scans WHERE id = $1', [clientScanId]),
    );
    expect(rows.rows).toEqual([{ n: 1 }]);
  });

  it('records every scan once and publishes its checkpoint.scanned exactly once', async () => {
    const resent = { qr: harness.qr(), clientScanId: randomUUID() };
    const scanIds = [
      String((await scan(harness.qr())).scanId),
      String((await scan('not a pass')).scanId),
      String((await scan(harness.qr({ nbf: now() - 7200, exp: now() - 600 }))).scanId),
      String((await scan(resent.qr, { clientScanId: resent.clientScanId })).scanId),
    ];
    expect(await scan(resent.qr, { clientScanId: resent.clientScanId })).toMatchObject({
      scanId: resent.clientScanId,
      replayed: true,
    });
    const rows = await withPg((c) =>
      c.query<{ id: string; verdict: string }>(
        'SELECT id, verdict FROM verify.scans WHERE id = ANY($1::uuid[])',
        [scanIds],
      ),
    );
    expect(rows.rows).toHaveLength(4);
    const mine = () =>
      checkpointEvents.messages.flatMap((m) => {
        const parsed = parseTopicEvent(Topic.Checkpoint, JSON.parse(m.value));
        return parsed.ok && scanIds.includes(parsed.event.data.scanId) ? [parsed.event] : [];
      });
    // Nothing left to publish and the reader at the end of every partition: a duplicate would be here.
    await waitFor(async () => {
      const left = await withPg((c) => c.query('SELECT 1 FROM verify.outbox LIMIT 1'));
      return left.rows.length === 0;
    }, 'the outbox to be empty');
    await checkpointEvents.caughtUp();
    const events = mine();
    expect(events.map((e) => e.data.scanId).sort()).toEqual([...scanIds].sort());
    const byId = new Map(rows.rows.map((r) => [r.id, r]));
    for (const event of events) {
      expect(event.data.verdict).toBe(byId.get(event.data.scanId)?.verdict);
      expect(event.data.checkpointDivision).toMatch(/^\d{6}$/);
    }
  });
});

describe('verify-service: a scan that cannot be recorded', () => {
  const harness = new VerifyHarness();

  beforeAll(() => harness.setUp());
  afterAll(() => harness.tearDown());

  it('gets 503 SCAN_NOT_RECORDED for every request of the failed batch, never a verdict', async () => {
    // Every insert into scans now fails inside the database, as a broken disk or constraint would.
    await withPg((c) =>
      c.query('ALTER TABLE verify.scans ADD CONSTRAINT refuse_all CHECK (false) NOT VALID'),
    );
    try {
      const responses = await Promise.all(
        [1, 2, 3, 4].map(() =>
          harness.verify({
            qr: harness.qr(),
            checkpointCode: CHECKPOINTS.kaifeng.code,
            direction: 'entry',
          }),
        ),
      );
      for (const res of responses) {
        expect(res.status).toBe(503);
        expect(res.body.code).toBe('SCAN_NOT_RECORDED');
      }
    } finally {
      await withPg((c) => c.query('ALTER TABLE verify.scans DROP CONSTRAINT refuse_all'));
    }
    const outbox = await withPg((c) => c.query('SELECT count(*)::int AS n FROM verify.outbox'));
    expect(outbox.rows).toEqual([{ n: 0 }]);
    await harness.scan(harness.qr());
  });
});

describe('verify-service: GET /v1/verifications', () => {
  const harness = new VerifyHarness();

  beforeAll(async () => {
    await harness.setUp();
    for (let i = 0; i < 5; i += 1)
      await harness.scan(harness.qr({ pl: '豫B1234' + String(i) }), { direction: 'exit' });
    await harness.scan('not a pass');
    await harness
      .verify({ qr: harness.qr(), checkpointCode: CHECKPOINTS.zhengzhou.code, direction: 'exit' })
      .expect(200);
  });
  afterAll(() => harness.tearDown());

  type Page = {
    items: {
      scanId: string;
      checkpointCode: string;
      reason: string | null;
      plate: string | null;
    }[];
    nextCursor: string | null;
  };

  it('pages newest first with a cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await harness
        .get(
          `/v1/verifications?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          harness.identity.token('official'),
        )
        .expect(200);
      const page = res.body as Page;
      seen.push(...page.items.map((i) => i.scanId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('filters by checkpoint, verdict, reason and normalised plate', async () => {
    const get = async (query: string) =>
      ((await harness.get(`/v1/verifications?${query}`).expect(200)).body as Page).items;
    expect(await get(`checkpointCode=${CHECKPOINTS.zhengzhou.code}`)).toHaveLength(1);
    expect(await get('verdict=rejected&reason=NOT_A_PASS')).toHaveLength(1);
    expect(await get(`plate=${encodeURIComponent('豫ｂ12342')}`)).toMatchObject([
      { plate: '豫B12342' },
    ]);
    expect(
      await get(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`),
    ).toEqual([]);
  });

  it('shows officers only their own checkpoint', async () => {
    const own = (
      await harness
        .get('/v1/verifications', harness.officer(CHECKPOINTS.zhengzhou.code))
        .expect(200)
    ).body as Page;
    expect(own.items.map((i) => i.checkpointCode)).toEqual([CHECKPOINTS.zhengzhou.code]);
    const other = await harness
      .get(
        `/v1/verifications?checkpointCode=${CHECKPOINTS.kaifeng.code}`,
        harness.officer(CHECKPOINTS.zhengzhou.code),
      )
      .expect(403);
    expect(other.body.code).toBe('CHECKPOINT_FORBIDDEN');
    await harness.get('/v1/verifications', harness.identity.token('enterprise')).expect(403);
  });

  it('shows an official only the scans of checkpoints in their jurisdiction', async () => {
    await harness
      .verify({ qr: harness.qr(), checkpointCode: CHECKPOINTS.guangzhou.code, direction: 'entry' })
      .expect(200);
    const listed = async (divisionScope: string | null, query = '') => {
      const token = harness.identity.token('official', { divisionScope });
      const res = await harness.get(`/v1/verifications?limit=200${query}`, token).expect(200);
      return new Set((res.body as Page).items.map((i) => i.checkpointCode));
    };
    const nationwide = await listed(null);
    expect(nationwide).toEqual(
      new Set([CHECKPOINTS.kaifeng.code, CHECKPOINTS.zhengzhou.code, CHECKPOINTS.guangzhou.code]),
    );
    expect(await listed('410200')).toEqual(new Set([CHECKPOINTS.kaifeng.code]));
    expect(await listed('410000')).toEqual(
      new Set([CHECKPOINTS.kaifeng.code, CHECKPOINTS.zhengzhou.code]),
    );
    expect(await listed('440100')).toEqual(new Set([CHECKPOINTS.guangzhou.code]));
    // Naming a checkpoint outside the scope does not widen it.
    expect(await listed('440100', `&checkpointCode=${CHECKPOINTS.kaifeng.code}`)).toEqual(
      new Set(),
    );
  });

  it('validates the query', async () => {
    for (const query of [
      'limit=201',
      'limit=0',
      'cursor=bm9wZQ',
      'verdict=maybe',
      'from=yesterday',
      'surprise=1',
    ]) {
      const res = await harness.get(`/v1/verifications?${query}`).expect(400);
      expect(typeof res.body.code).toBe('string');
    }
  });

  it('refuses instants outside 2000–2100 and control characters in the query with 400 and a code', async () => {
    for (const [query, code] of [
      ['from=0000-01-01T00:00:00Z', 'DATE_INVALID'],
      [`to=${encodeURIComponent('9999-12-31T23:59:59-12:00')}`, 'DATE_INVALID'],
      ['from=1999-12-31T23:59:59Z', 'DATE_INVALID'],
      ['from=yesterday', 'DATE_INVALID'],
      ['checkpointCode=CP%E2%80%AE-KF', 'TEXT_INVALID'],
      ['plate=%E8%B1%ABB%07123', 'TEXT_INVALID'],
    ]) {
      const res = await harness.get(`/v1/verifications?${query}`).expect(400);
      expect({ query, code: res.body.code }).toEqual({ query, code });
      expect(JSON.stringify(res.body)).not.toContain(decodeURIComponent(query.split('=')[1]));
    }
  });
});
