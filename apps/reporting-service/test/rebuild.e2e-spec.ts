import { loadReportingServiceConfig } from '../src/config/reporting-service.config';
import { rebuildAggregates } from '../src/rebuild/rebuild.command';
import { testEnv, withPg } from '../../../test/support/test-env';
import { addDays, generateDataSet, randomBaseDay, tons } from './report-fixtures';
import { ReportingHarness } from './reporting-harness';

describe('reporting-service rebuild from the start of the topics', () => {
  const harness = new ReportingHarness();
  const firstDay = randomBaseDay();
  const lastDay = addDays(firstDay, 2);
  const { events, expected } = generateDataSet(firstDay, 2000);
  const config = loadReportingServiceConfig({
    DATABASE_URL: testEnv.databaseUrl,
    KAFKA_BROKERS: testEnv.kafkaBrokers.join(','),
    KAFKA_PARTITIONS: '3',
    LOG_LEVEL: 'warn',
  });

  let live: Record<string, unknown>;
  let report: Awaited<ReturnType<typeof rebuildAggregates>>;

  // Both tests look at the state after one rebuild that ran while events kept arriving.
  beforeAll(async () => {
    await harness.setUp();
    await harness.send(events.slice(0, 1200));
    await harness.caughtUp();
    live = await harness.summary(firstDay, lastDay);
    const sending = harness.send(events.slice(1200));
    report = await rebuildAggregates(config);
    await sending;
    await harness.caughtUp();
  }, 240000);
  afterAll(() => harness.tearDown());

  it('replays into a new generation while events keep arriving, switches, and equals the live totals', async () => {
    expect(report.differences).toEqual({});
    expect(report).toMatchObject({ generation: 2, previousGeneration: 1, totalsMatch: true });
    expect(live.passesIssued).toBeGreaterThan(0);
    const states = await withPg((c) =>
      c.query<{ generation: number; state: string }>(
        'SELECT generation, state FROM reporting.report_generations ORDER BY generation',
      ),
    );
    expect(states.rows).toEqual([
      { generation: 1, state: 'retired' },
      { generation: 2, state: 'live' },
    ]);
    expect(await harness.summary(firstDay, lastDay)).toMatchObject({
      passesIssued: expected.issued,
      passesRevoked: expected.revoked,
      crossProvincePasses: expected.cross,
      tonnageDeclared: tons(expected.declaredKg),
      tonnageThroughCheckpoints: tons(expected.throughKg),
      scansAccepted: expected.accepted,
    });
  }, 180000);

  it('keeps counting once after the switch, even when the old events are delivered again', async () => {
    await harness.app.close();
    await harness.rewindGroup();
    await harness.start();
    await harness.caughtUp(120000);
    expect(await harness.summary(firstDay, lastDay)).toMatchObject({
      passesIssued: expected.issued,
      tonnageDeclared: tons(expected.declaredKg),
    });
  }, 180000);
});
