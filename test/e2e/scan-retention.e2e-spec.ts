import { randomUUID } from 'node:crypto';
import { localDate } from '@app/domain';
import { ReportingHarness } from '../../apps/reporting-service/test/reporting-harness';
import { ScanRetention } from '../../apps/verify-service/src/retention/scan-retention';
import { VerifyHarness } from '../../apps/verify-service/test/verify-harness';
import { waitFor, withPg } from '../support/test-env';

const DAY_MS = 86_400_000;
const REPORT_TZ = 'Asia/Shanghai';

/**
 * Scans go through verify-service and Kafka into reporting-service's aggregates; then
 * verify-service prunes them with a one-day retention, run at a clock two days ahead. The scan
 * rows are gone and every report total stays as it was: reporting counts events into its own
 * tables and never reads verify-service's.
 */
describe('scan retention keeps report totals', () => {
  // A one-day retention needs an offline queue shorter than a day (see the config's check).
  const verify = new VerifyHarness({ SCAN_RETENTION_DAYS: '1', SCANNED_AT_MAX_AGE_HOURS: '12' });
  const reporting = new ReportingHarness();
  const checkpointCode = `RT-${randomUUID().slice(0, 8)}`;
  let officer = '';

  beforeAll(async () => {
    await verify.setUp();
    await reporting.setUp();
    await verify
      .post(
        '/v1/checkpoints',
        { code: checkpointCode, name: '保留期 检查站', divisionCode: '410205' },
        verify.admin,
      )
      .expect(201);
    officer = verify.officer(checkpointCode);
  }, 120000);
  afterAll(async () => {
    await reporting.tearDown();
    await verify.tearDown();
  });

  const scanRows = () =>
    withPg(async (c) =>
      Number(
        (
          await c.query<{ n: string }>(
            'SELECT count(*)::text AS n FROM verify.scans WHERE checkpoint_code = $1',
            [checkpointCode],
          )
        ).rows[0].n,
      ),
    );
  const hourly = async (day: string) => {
    const res = await reporting
      .get(`/v1/reports/checkpoint-hourly?day=${day}&checkpointCode=${checkpointCode}`)
      .expect(200);
    return (res.body as { hours: { scansAccepted: number; scansRejected: number }[] }).hours;
  };
  const counted = (hours: { scansAccepted: number; scansRejected: number }[]) =>
    hours.reduce(
      (sum, h) => ({
        accepted: sum.accepted + h.scansAccepted,
        rejected: sum.rejected + h.scansRejected,
      }),
      { accepted: 0, rejected: 0 },
    );

  it('deletes the scans past retention and leaves every total unchanged', async () => {
    const days = new Set<string>();
    const scan = async (qr: string, extra: Record<string, unknown> = {}) => {
      const res = await verify
        .verify({ qr, checkpointCode, direction: 'entry', ...extra }, officer)
        .expect(200);
      days.add(localDate(new Date((res.body as { checkedAt: string }).checkedAt), REPORT_TZ));
      return res.body as { verdict: string };
    };
    for (let i = 0; i < 4; i++)
      expect(await scan(verify.qr())).toMatchObject({ verdict: 'accepted' });
    expect(await scan(verify.qr(), { observedPlate: '豫A00001' })).toMatchObject({
      verdict: 'rejected',
    });
    expect(await scan('not a pass at all')).toMatchObject({ verdict: 'rejected' });
    expect(await scanRows()).toBe(6);

    // Counted by reporting-service: the events were published and applied.
    const sumOver = async () => {
      let total = { accepted: 0, rejected: 0 };
      for (const day of days) {
        const c = counted(await hourly(day));
        total = { accepted: total.accepted + c.accepted, rejected: total.rejected + c.rejected };
      }
      return total;
    };
    await waitFor(async () => {
      const total = await sumOver();
      return total.accepted === 4 && total.rejected === 2;
    }, 'reporting-service to count the six scans');
    await reporting.caughtUp();
    const [first, last] = [[...days].sort()[0], [...days].sort().at(-1) as string];
    const before = {
      hours: await Promise.all([...days].map(hourly)),
      summary: await reporting.summary(first, last),
      byCheckpoint: (
        await reporting.get(`/v1/reports/daily?from=${first}&to=${last}&by=checkpoint`).expect(200)
      ).body as unknown,
    };

    const result = await verify.app.get(ScanRetention).prune(new Date(Date.now() + 2 * DAY_MS));

    expect(result).toMatchObject({ deleted: 6, yielded: false });
    expect(await scanRows()).toBe(0);
    const listed = await verify
      .get(`/v1/verifications?checkpointCode=${checkpointCode}`, verify.admin)
      .expect(200);
    expect((listed.body as { items: unknown[] }).items).toEqual([]);

    // Nothing reporting-service shows depends on the rows that are gone.
    expect(await Promise.all([...days].map(hourly))).toEqual(before.hours);
    expect(await reporting.summary(first, last)).toEqual(before.summary);
    expect(
      (await reporting.get(`/v1/reports/daily?from=${first}&to=${last}&by=checkpoint`).expect(200))
        .body,
    ).toEqual(before.byCheckpoint);
    expect(await sumOver()).toEqual({ accepted: 4, rejected: 2 });
  }, 120000);

  it('keeps scans inside the retention period', async () => {
    await verify
      .verify({ qr: verify.qr(), checkpointCode, direction: 'entry' }, officer)
      .expect(200);
    // Half a day later the newest scan is not yet a day old.
    const result = await verify.app.get(ScanRetention).prune(new Date(Date.now() + DAY_MS / 2));
    expect(result.deleted).toBe(0);
    expect(await scanRows()).toBe(1);
  });
});
