import { randomUUID } from 'node:crypto';
import { Topic } from '@app/contracts';
import { TopicReader } from '../../../test/support/topic-reader';
import { TEST_METRICS_TOKEN } from '../../../test/support/service-apps';
import { waitFor } from '../../../test/support/test-env';
import {
  addDays,
  ENTERPRISE_A,
  ENTERPRISE_B,
  issued,
  randomBaseDay,
  revoked,
  scanned,
  shanghai,
} from './report-fixtures';
import { ReportingHarness } from './reporting-harness';

describe('reporting-service reports on the real Kafka and PostgreSQL', () => {
  const harness = new ReportingHarness();
  const d1 = randomBaseDay();
  const d2 = addDays(d1, 1);
  const d3 = addDays(d1, 2);

  // Pass A is issued one millisecond before Shanghai midnight, B exactly at it.
  const passA = issued({
    at: shanghai(d1, '23:59:59.999'),
    tonnageKg: 12_345_678,
    cargo: 'medical',
  });
  const passB = issued({
    at: shanghai(d2, '00:00:00.000'),
    tonnageKg: 7_001,
    cargo: 'energy',
    destination: '110101',
    enterprise: ENTERPRISE_B,
  });
  const passC = issued({
    at: shanghai(d2, '10:00:00.000'),
    tonnageKg: 1,
    cargo: 'agricultural',
    origin: '410205',
    destination: '410203',
  });
  const events = [
    passA,
    passB,
    passC,
    revoked(passA, shanghai(d3, '09:00:00.000')),
    scanned(passA, { at: shanghai(d2, '01:15:00.000'), checkpoint: 'CP-KF-01' }),
    scanned(passB, { at: shanghai(d2, '01:30:00.000'), checkpoint: 'CP-KF-01', direction: 'exit' }),
    scanned(passB, { at: shanghai(d2, '02:00:00.000'), checkpoint: 'CP-KF-02' }),
    scanned(passA, {
      at: shanghai(d2, '01:45:00.000'),
      checkpoint: 'CP-KF-01',
      verdict: 'rejected',
      reason: 'PLATE_MISMATCH',
      cloneSuspected: true,
    }),
    scanned(passA, {
      at: shanghai(d3, '09:30:00.000'),
      checkpoint: 'CP-KF-01',
      verdict: 'rejected',
      reason: 'REVOKED',
    }),
    scanned(null, {
      at: shanghai(d3, '10:00:00.000'),
      checkpoint: 'CP-KF-02',
      verdict: 'rejected',
    }),
    scanned(passC, {
      at: shanghai(d3, '11:00:00.000'),
      checkpoint: 'CP-KF-01',
      verdict: 'rejected',
      reason: 'EXPIRED',
      cloneSuspected: true,
    }),
  ];
  let deadLetters: TopicReader;
  /** Events no producer of ours can build: an instant in year 0000, a name with an RTL override. */
  const outOfContract = [
    { ...passA, id: randomUUID(), key: randomUUID(), occurredAt: '0000-01-01T00:00:00.000Z' },
    {
      ...passA,
      id: randomUUID(),
      key: randomUUID(),
      data: { ...passA.data, validUntil: '+010000-01-01T11:59:59.000Z' },
    },
    {
      ...passA,
      id: randomUUID(),
      key: randomUUID(),
      data: { ...passA.data, enterpriseName: '物流\u202e司公' },
    },
  ];

  beforeAll(async () => {
    await harness.setUp();
    deadLetters = await new TopicReader(Topic.DeadLetter).start();
    const poison = {
      ...passA,
      id: passA.id.replace(/.$/, '0'),
      data: { ...passA.data, tonnageKg: 1.5 },
    };
    await harness.send(events);
    await harness.producer.send([
      { topic: Topic.Pass, key: passA.key, value: JSON.stringify(poison) },
      ...outOfContract.map((event) => ({
        topic: Topic.Pass,
        key: event.key,
        value: JSON.stringify(event),
      })),
    ]);
    // Every event again: redelivery must not count twice.
    await harness.send(events);
    await harness.caughtUp();
  }, 120000);

  afterAll(async () => {
    await deadLetters?.stop();
    await harness.tearDown();
  });

  it('totals the range exactly, to the kilogram, counting duplicates once', async () => {
    const summary = await harness.summary(d1, d3);
    // Newest applied across all data: earlier runs on the same broker may hold later days.
    expect(Date.parse(summary.completeUpTo as string)).toBeGreaterThanOrEqual(
      shanghai(d3, '11:00:00.000').getTime(),
    );
    expect(summary).toEqual({
      from: d1,
      to: d3,
      region: null,
      passesIssued: 3,
      passesRevoked: 1,
      crossProvincePasses: 1,
      tonnageDeclared: '12352.680',
      tonnageThroughCheckpoints: '12352.679',
      scansAccepted: 3,
      scansRejected: 4,
      rejectedByReason: {
        NOT_A_PASS: 1,
        SIGNATURE_INVALID: 0,
        UNKNOWN_KEY: 0,
        EXPIRED: 1,
        NOT_YET_VALID: 0,
        REVOKED: 1,
        PLATE_MISMATCH: 1,
        OUTSIDE_ROUTE: 0,
        TRAILER_MISMATCH: 0,
      },
      cloneFlags: 2,
      completeUpTo: summary.completeUpTo,
    });
  });

  it('puts each event on its Shanghai day and a revocation on the day it happens', async () => {
    expect(await harness.summary(d1, d1)).toMatchObject({
      passesIssued: 1,
      passesRevoked: 0,
      tonnageDeclared: '12345.678',
      scansAccepted: 0,
    });
    expect(await harness.summary(d2, d2)).toMatchObject({
      passesIssued: 2,
      passesRevoked: 0,
      crossProvincePasses: 1,
      tonnageDeclared: '7.002',
      scansAccepted: 3,
      scansRejected: 1,
      tonnageThroughCheckpoints: '12352.679',
    });
    expect(await harness.summary(d3, d3)).toMatchObject({
      passesIssued: 0,
      passesRevoked: 1,
      tonnageDeclared: '0.000',
      scansRejected: 3,
    });
  });

  it('sends a contract-invalid message to the dead-letter topic and applies the rest of its partition', async () => {
    const letter = await waitFor(
      () =>
        deadLetters.messages.find(
          (m) => m.key === passA.key && m.headers['x-original-topic'] === String(Topic.Pass),
        ),
      'the poison message on the dead-letter topic',
    );
    expect(letter.headers['x-error']).toContain('pass.issued');
    expect(letter.headers['x-consumer-group']).toBe('reporting-service');
  });

  it('dead-letters events whose instants lie outside 2000–2100 or whose text holds controls', async () => {
    for (const event of outOfContract) {
      await waitFor(
        () =>
          deadLetters.messages.find(
            (m) => m.key === event.key && m.headers['x-original-topic'] === String(Topic.Pass),
          ),
        'the out-of-contract event on the dead-letter topic',
      );
    }
  });

  it('breaks days down by cargo, with checkpoint figures beside pass figures', async () => {
    const res = await harness.get(`/v1/reports/daily?from=${d1}&to=${d3}&by=cargo`).expect(200);
    expect(res.body).toMatchObject({ from: d1, to: d3, by: 'cargo' });
    expect(res.body.rows).toEqual([
      row(d1, 'medical', '医疗防疫物资', { passesIssued: 1, tonnageDeclared: '12345.678' }),
      row(d2, 'agricultural', '农业生产资料', { passesIssued: 1, tonnageDeclared: '0.001' }),
      row(d2, 'energy', '能源', {
        passesIssued: 1,
        crossProvincePasses: 1,
        tonnageDeclared: '7.001',
        scansAccepted: 2,
        tonnageThroughCheckpoints: '7.001',
      }),
      row(d2, 'medical', '医疗防疫物资', {
        scansAccepted: 1,
        scansRejected: 1,
        tonnageThroughCheckpoints: '12345.678',
      }),
      row(d3, '', null, { scansRejected: 1 }),
      row(d3, 'agricultural', '农业生产资料', { scansRejected: 1 }),
      row(d3, 'medical', '医疗防疫物资', { passesRevoked: 1, scansRejected: 1 }),
    ]);
  });

  it('rolls origin and destination up to province level', async () => {
    const res = await harness
      .get(`/v1/reports/daily?from=${d2}&to=${d2}&by=destination&level=province`)
      .expect(200);
    expect(res.body.rows).toEqual([
      row(d2, '110000', '北京市', {
        passesIssued: 1,
        crossProvincePasses: 1,
        tonnageDeclared: '7.001',
        scansAccepted: 2,
        tonnageThroughCheckpoints: '7.001',
      }),
      row(d2, '410000', '河南省', {
        passesIssued: 1,
        tonnageDeclared: '0.001',
        scansAccepted: 1,
        scansRejected: 1,
        tonnageThroughCheckpoints: '12345.678',
      }),
    ]);
  });

  it('ranks origin → destination flows by city, then by province', async () => {
    const cities = await harness
      .get(`/v1/reports/flows?from=${d1}&to=${d3}&level=city&limit=10`)
      .expect(200);
    const rows = (cities.body as { rows: FlowRow[] }).rows;
    expect(
      rows.map((r) => [
        r.rank,
        r.origin.code,
        r.destination.code,
        r.passesIssued,
        r.tonnageDeclared,
      ]),
    ).toEqual([
      [1, '410200', '410100', 1, '12345.678'],
      [2, '410200', '110100', 1, '7.001'],
      [3, '410200', '410200', 1, '0.001'],
    ]);
    expect(rows[0]).toMatchObject({
      origin: { name: '开封市' },
      destination: { name: '郑州市' },
    });

    const provinces = await harness
      .get(`/v1/reports/flows?from=${d1}&to=${d3}&level=province&limit=1`)
      .expect(200);
    expect(provinces.body).toMatchObject({ level: 'province', limit: 1 });
    expect(provinces.body.rows).toEqual([
      {
        rank: 1,
        origin: { code: '410000', name: '河南省' },
        destination: { code: '410000', name: '河南省' },
        passesIssued: 2,
        tonnageDeclared: '12345.679',
      },
    ]);
  });

  it('ranks enterprises by declared tonnage and checkpoints by tonnage through them', async () => {
    const enterprises = await harness
      .get(`/v1/reports/top?dimension=enterprise&from=${d1}&to=${d3}&limit=5`)
      .expect(200);
    expect(enterprises.body.rows).toEqual([
      {
        rank: 1,
        code: ENTERPRISE_A.creditCode,
        name: ENTERPRISE_A.name,
        passesIssued: 2,
        tonnageDeclared: '12345.679',
      },
      {
        rank: 2,
        code: ENTERPRISE_B.creditCode,
        name: ENTERPRISE_B.name,
        passesIssued: 1,
        tonnageDeclared: '7.001',
      },
    ]);
    const checkpoints = await harness
      .get(`/v1/reports/top?dimension=checkpoint&from=${d1}&to=${d3}&limit=1`)
      .expect(200);
    expect(checkpoints.body.rows).toEqual([
      {
        rank: 1,
        code: 'CP-KF-01',
        name: null,
        scansAccepted: 2,
        scansRejected: 3,
        tonnageThroughCheckpoints: '12345.678',
      },
    ]);
  });

  it('gives a checkpoint 24 local hours for one day', async () => {
    const res = await harness
      .get(`/v1/reports/checkpoint-hourly?day=${d2}&checkpointCode=CP-KF-01`)
      .expect(200);
    expect(res.body.hours).toHaveLength(24);
    expect(res.body.hours[1]).toEqual({
      hour: 1,
      scansAccepted: 2,
      scansRejected: 1,
      tonnageThroughCheckpoints: '12345.678',
      cloneFlags: 1,
    });
    expect(res.body.hours[2].scansAccepted).toBe(0);
  });

  it('exports CSV with a BOM, quoted names and the same totals', async () => {
    const res = await harness
      .get(`/v1/reports/export.csv?from=${d1}&to=${d3}&by=enterprise`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="report-enterprise-${d1}-${d3}.csv"`,
    );
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'day,group,group_name,passes_issued,passes_revoked,cross_province_passes,tonnage_declared_t,scans_accepted,scans_rejected,tonnage_through_checkpoints_t',
    );
    expect(lines).toContain(
      `${d2},${ENTERPRISE_B.creditCode},"北京""快运"",有限公司",1,0,1,7.001,2,0,7.001`,
    );
    const declaredKg = lines
      .slice(1)
      .map((line) => line.split(',').at(-4) ?? '')
      .reduce((sum, tons) => sum + BigInt(tons.replace('.', '')), 0n);
    expect(declaredKg).toBe(12_352_680n);
  });

  it('serves officials and admins only', async () => {
    const path = `/v1/reports/summary?from=${d1}&to=${d1}`;
    expect((await harness.get(path, null).expect(401)).body.code).toBe('UNAUTHENTICATED');
    for (const role of ['enterprise', 'officer'] as const) {
      const res = await harness.get(path, harness.identity.token(role)).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    await harness.get(path, harness.identity.token('admin')).expect(200);
    await harness.get('/v1/reports/stream', harness.identity.token('enterprise')).expect(403);
  });

  it('exposes the consumer lag of both topics as a metric', async () => {
    const res = await harness.get('/metrics', TEST_METRICS_TOKEN).expect(200);
    expect(res.text).toContain(`epass_consumer_lag{topic="${Topic.Pass}"`);
    expect(res.text).toContain(`epass_consumer_lag{topic="${Topic.Checkpoint}"`);
  });

  it.each([
    ['/v1/reports/summary?from=2022-02-30&to=2022-03-01', 'DATE_INVALID'],
    ['/v1/reports/summary?to=2022-03-01', 'DATE_INVALID'],
    ['/v1/reports/summary?from=2022-03-02&to=2022-03-01', 'RANGE_INVALID'],
    ['/v1/reports/summary?from=2021-01-01&to=2022-03-01', 'RANGE_TOO_LONG'],
    ['/v1/reports/summary?from=2022-03-01&to=2022-03-01&tz=UTC', 'UNKNOWN_FIELD'],
    ['/v1/reports/daily?from=2022-03-01&to=2022-03-01&by=plate', 'BY_INVALID'],
    ['/v1/reports/daily?from=2022-03-01&to=2022-03-01&by=cargo&level=city', 'LEVEL_INVALID'],
    ['/v1/reports/top?from=2022-03-01&to=2022-03-01&dimension=cargo', 'DIMENSION_INVALID'],
    ['/v1/reports/top?from=2022-03-01&to=2022-03-01&dimension=enterprise&limit=0', 'LIMIT_INVALID'],
    ['/v1/reports/checkpoint-hourly?day=2022-03-01', 'CHECKPOINT_INVALID'],
    ['/v1/reports/flows?from=2022-03-01&to=2022-03-01&level=street', 'LEVEL_INVALID'],
    ['/v1/reports/flows?from=2022-03-01&to=2022-03-01&limit=101', 'LIMIT_INVALID'],
    ['/v1/reports/export.csv?from=2022-03-01&to=2022-03-01', 'BY_INVALID'],
    // Dates outside 2000-01-01..2100-12-31, the system's instant range.
    ['/v1/reports/summary?from=0000-01-01&to=0000-12-31', 'DATE_INVALID'],
    ['/v1/reports/summary?from=9999-12-20&to=9999-12-31', 'DATE_INVALID'],
    ['/v1/reports/summary?from=1999-12-31&to=2000-01-01', 'DATE_INVALID'],
    ['/v1/reports/daily?from=2100-12-31&to=2101-01-01&by=cargo', 'DATE_INVALID'],
    ['/v1/reports/checkpoint-hourly?day=0000-01-01&checkpointCode=CP-KF-01', 'DATE_INVALID'],
    ['/v1/reports/checkpoint-hourly?day=2022-03-01&checkpointCode=CP%E2%80%AE-KF', 'TEXT_INVALID'],
    ['/v1/reports/checkpoint-hourly?day=2022-03-01&checkpointCode=CP%07KF', 'TEXT_INVALID'],
    ['/v1/reports/summary?from=2022-03-01&to=2022-03-01&evil%E2%80%AEkey=1', 'UNKNOWN_FIELD'],
  ])('refuses %s with %s', async (path, code) => {
    const res = await harness.get(path).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code });
    // No value or key the caller sent comes back in the answer.
    const sent = new URLSearchParams(path.split('?')[1]);
    for (const [key, value] of sent) {
      for (const input of [key, value].filter((v) =>
        /[^\x20-\x7e]|^(0000|9999|1999|2101)-|evil/.test(v),
      )) {
        expect(JSON.stringify(res.body)).not.toContain(input);
      }
    }
  });
});

interface FlowRow {
  rank: number;
  origin: { code: string; name: string | null };
  destination: { code: string; name: string | null };
  passesIssued: number;
  tonnageDeclared: string;
}

function row(
  day: string,
  group: string,
  groupName: string | null,
  figures: Partial<Record<string, number | string>>,
) {
  return {
    day,
    group,
    groupName,
    passesIssued: 0,
    passesRevoked: 0,
    crossProvincePasses: 0,
    tonnageDeclared: '0.000',
    scansAccepted: 0,
    scansRejected: 0,
    tonnageThroughCheckpoints: '0.000',
    ...figures,
  };
}
