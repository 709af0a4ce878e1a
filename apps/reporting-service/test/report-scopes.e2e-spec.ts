import { addDays, issued, randomBaseDay, revoked, scanned, shanghai } from './report-fixtures';
import { ReportingHarness } from './reporting-harness';

/**
 * Reports follow the caller's jurisdiction: passes by the county that issued them, scans by the
 * checkpoint's division. An official's reports default to their scope and cannot be widened
 * past it; the admin reports nationwide or on any region.
 */
describe('reporting-service: reports within the caller’s jurisdiction', () => {
  const harness = new ReportingHarness();
  const day = randomBaseDay();
  const next = addDays(day, 1);
  const KAIFENG_FIRM = { creditCode: '91410200MA44333303', name: '开封辖区物流有限公司' };
  const LANKAO_FIRM = { creditCode: '91410200MA44444404', name: '兰考辖区运输有限公司' };
  const GUANGZHOU_FIRM = { creditCode: '91440100MA55555505', name: '广州辖区货运有限公司' };

  // Issued in Kaifeng's Longting district (410202) and Lankao county (410225), and in Guangzhou.
  const longting = issued({
    at: shanghai(day, '08:00:00.000'),
    tonnageKg: 1_000,
    origin: '410202',
    destination: '410102',
    enterprise: KAIFENG_FIRM,
  });
  const lankao = issued({
    at: shanghai(day, '09:00:00.000'),
    tonnageKg: 2_000,
    origin: '410225',
    destination: '440103',
    enterprise: LANKAO_FIRM,
  });
  const guangzhou = issued({
    at: shanghai(day, '10:00:00.000'),
    tonnageKg: 5_000,
    origin: '440103',
    destination: '410202',
    enterprise: GUANGZHOU_FIRM,
  });
  const events = [
    longting,
    lankao,
    guangzhou,
    revoked(lankao, shanghai(next, '08:00:00.000')),
    // Guangzhou's truck through a Kaifeng checkpoint; Kaifeng's through a Guangzhou one.
    scanned(guangzhou, {
      at: shanghai(next, '09:00:00.000'),
      checkpoint: 'CP-SCOPE-KF',
      checkpointDivision: '410202',
    }),
    scanned(longting, {
      at: shanghai(next, '10:00:00.000'),
      checkpoint: 'CP-SCOPE-GZ',
      checkpointDivision: '440104',
    }),
    scanned(null, {
      at: shanghai(next, '11:00:00.000'),
      checkpoint: 'CP-SCOPE-GZ',
      checkpointDivision: '440104',
      verdict: 'rejected',
    }),
  ];

  let admin: string;
  let kaifeng: string;
  let guangzhouOfficial: string;
  let henan: string;
  let unscoped: string;

  beforeAll(async () => {
    await harness.setUp();
    admin = harness.identity.token('admin');
    kaifeng = harness.identity.token('official', { divisionScope: '410200' });
    guangzhouOfficial = harness.identity.token('official', { divisionScope: '440100' });
    henan = harness.identity.token('official', { divisionScope: '410000' });
    unscoped = harness.identity.token('official');
    await harness.send(events);
    await harness.caughtUp();
  }, 120000);

  afterAll(() => harness.tearDown());

  const summary = async (token: string, query = '') =>
    (await harness.get(`/v1/reports/summary?from=${day}&to=${next}${query}`, token).expect(200))
      .body as Record<string, unknown>;

  it('defaults an official’s summary to their jurisdiction', async () => {
    expect(await summary(kaifeng)).toMatchObject({
      region: '410200',
      passesIssued: 2,
      passesRevoked: 1,
      crossProvincePasses: 1,
      tonnageDeclared: '3.000',
      scansAccepted: 1,
      scansRejected: 0,
      tonnageThroughCheckpoints: '5.000',
    });
    expect(await summary(guangzhouOfficial)).toMatchObject({
      region: '440100',
      passesIssued: 1,
      passesRevoked: 0,
      tonnageDeclared: '5.000',
      scansAccepted: 1,
      scansRejected: 1,
      tonnageThroughCheckpoints: '1.000',
    });
  });

  it('reports nationwide for the admin and for an official not yet given a scope, or on a region they name', async () => {
    for (const token of [admin, unscoped]) {
      expect(await summary(token)).toMatchObject({
        region: null,
        passesIssued: 3,
        tonnageDeclared: '8.000',
        scansAccepted: 2,
        scansRejected: 1,
      });
      expect(await summary(token, '&region=440100')).toMatchObject({
        region: '440100',
        passesIssued: 1,
        tonnageDeclared: '5.000',
      });
    }
  });

  it('narrows to a region inside the scope', async () => {
    expect(await summary(kaifeng, '&region=410202')).toMatchObject({
      region: '410202',
      passesIssued: 1,
      tonnageDeclared: '1.000',
      scansAccepted: 1,
    });
    expect(await summary(henan, '&region=410200')).toMatchObject({
      region: '410200',
      passesIssued: 2,
    });
    expect(await summary(henan)).toMatchObject({ region: '410000', passesIssued: 2 });
  });

  it('refuses a region outside or wider than the scope with 403 SCOPE_EXCEEDED, on every report and the export', async () => {
    const range = `from=${day}&to=${next}`;
    const paths = [
      `/v1/reports/summary?${range}`,
      `/v1/reports/daily?${range}&by=cargo`,
      `/v1/reports/top?${range}&dimension=enterprise`,
      `/v1/reports/flows?${range}`,
      `/v1/reports/checkpoint-hourly?day=${next}&checkpointCode=CP-SCOPE-GZ`,
      `/v1/reports/export.csv?${range}&by=enterprise`,
      `/v1/reports/stream?${range}`,
    ];
    for (const path of paths) {
      for (const region of ['440100', '410000', '440104']) {
        const res = await harness.get(`${path}&region=${region}`, kaifeng).expect(403);
        expect({ path, region, code: res.body.code }).toEqual({
          path,
          region,
          code: 'SCOPE_EXCEEDED',
        });
      }
    }
  });

  it('refuses a region that is not a known province, city or county code', async () => {
    for (const region of ['4102', '41020x', '999999', '410200%', '', "410200' OR '1'='1"]) {
      const res = await harness
        .get(
          `/v1/reports/summary?from=${day}&to=${next}&region=${encodeURIComponent(region)}`,
          admin,
        )
        .expect(400);
      expect({ region, code: res.body.code }).toEqual({ region, code: 'REGION_INVALID' });
    }
  });

  it('keeps every other report and the CSV export within the scope', async () => {
    const range = `from=${day}&to=${next}`;
    const daily = await harness
      .get(`/v1/reports/daily?${range}&by=enterprise`, kaifeng)
      .expect(200);
    expect(daily.body.region).toBe('410200');
    const groups = (daily.body.rows as { group: string; passesIssued: number }[])
      .filter((r) => r.passesIssued > 0)
      .map((r) => r.group)
      .sort();
    expect(groups).toEqual([KAIFENG_FIRM.creditCode, LANKAO_FIRM.creditCode].sort());

    const top = await harness
      .get(`/v1/reports/top?${range}&dimension=enterprise`, guangzhouOfficial)
      .expect(200);
    expect((top.body.rows as { code: string }[]).map((r) => r.code)).toEqual([
      GUANGZHOU_FIRM.creditCode,
    ]);
    const checkpoints = await harness
      .get(`/v1/reports/top?${range}&dimension=checkpoint`, kaifeng)
      .expect(200);
    expect((checkpoints.body.rows as { code: string }[]).map((r) => r.code)).toEqual([
      'CP-SCOPE-KF',
    ]);

    const flows = await harness.get(`/v1/reports/flows?${range}&level=county`, kaifeng).expect(200);
    expect(
      (flows.body.rows as { origin: { code: string } }[]).map((r) => r.origin.code).sort(),
    ).toEqual(['410202', '410225']);

    // A checkpoint outside the scope has nothing to show.
    const hourly = await harness
      .get(`/v1/reports/checkpoint-hourly?day=${next}&checkpointCode=CP-SCOPE-GZ`, kaifeng)
      .expect(200);
    expect(
      (hourly.body.hours as { scansAccepted: number; scansRejected: number }[]).every(
        (h) => h.scansAccepted === 0 && h.scansRejected === 0,
      ),
    ).toBe(true);

    const csv = await harness
      .get(`/v1/reports/export.csv?${range}&by=enterprise`, guangzhouOfficial)
      .expect(200);
    expect(csv.headers['content-disposition']).toContain('report-440100-enterprise');
    const lines = csv.text.trim().split('\n').slice(1);
    // Guangzhou's pass; Kaifeng's truck only as a scan at Guangzhou's checkpoint; Lankao not at all.
    expect(lines.find((l) => l.includes(GUANGZHOU_FIRM.creditCode))).toContain(',1,0,1,5.000,');
    expect(lines.find((l) => l.includes(KAIFENG_FIRM.creditCode))).toContain(
      ',0,0,0,0.000,1,0,1.000',
    );
    expect(csv.text).not.toContain(LANKAO_FIRM.creditCode);
  });
});
