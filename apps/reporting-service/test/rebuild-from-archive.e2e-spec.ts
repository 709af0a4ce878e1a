import { Topic } from '@app/contracts';
import { loadReportingServiceConfig } from '../src/config/reporting-service.config';
import { rebuildAggregates } from '../src/rebuild/rebuild.command';
import { TEST_PARTITIONS, testEnv, withPg } from '../../../test/support/test-env';
import { addDays, generateDataSet, randomBaseDay, tons } from './report-fixtures';
import { ReportingHarness } from './reporting-harness';

/**
 * The topics keep the broker's retention (7 days by default); a month's report outlives it. Here
 * the broker deletes everything the topics hold (deleting records moves each partition's start, as
 * retention does when it drops old segments), and the rebuild still equals the live totals,
 * because the live consumer archived every event it applied.
 */
describe('reporting-service rebuild after the broker deleted old events', () => {
  const harness = new ReportingHarness();
  const firstDay = randomBaseDay();
  const lastDay = addDays(firstDay, 2);
  const { events, expected } = generateDataSet(firstDay, 600);
  const config = loadReportingServiceConfig({
    DATABASE_URL: testEnv.databaseUrl,
    KAFKA_BROKERS: testEnv.kafkaBrokers.join(','),
    KAFKA_PARTITIONS: String(TEST_PARTITIONS),
    LOG_LEVEL: 'warn',
  });

  beforeAll(() => harness.setUp(), 60000);
  afterAll(() => harness.tearDown());

  it('replays the archive for what the topics no longer hold, and equals the live totals', async () => {
    await harness.send(events.slice(0, 400));
    await harness.caughtUp();
    const archived = await withPg((c) =>
      c.query<{ n: string }>('SELECT count(*) AS n FROM reporting.event_archive'),
    );
    expect(Number(archived.rows[0].n)).toBeGreaterThanOrEqual(400);

    // The broker drops every event the topics hold so far.
    await harness.withAdmin(async (admin) => {
      for (const topic of [Topic.Pass, Topic.Checkpoint]) {
        const ends = await admin.fetchTopicOffsets(topic);
        await admin.deleteTopicRecords({
          topic,
          partitions: ends.map((end) => ({ partition: end.partition, offset: end.high })),
        });
        const after = await admin.fetchTopicOffsets(topic);
        for (const partition of after) expect(partition.low).toBe(partition.high);
      }
    });
    // Later events are still on the topics; the rebuild reads those from there.
    await harness.send(events.slice(400));
    await harness.caughtUp();
    const live = await harness.summary(firstDay, lastDay);

    const report = await rebuildAggregates(config);

    expect(report.differences).toEqual({});
    expect(report.totalsMatch).toBe(true);
    expect(report.archiveUnreadable).toBe(0);
    expect(report.eventsFromArchive).toBeGreaterThanOrEqual(events.length);
    const totals = {
      passesIssued: expected.issued,
      passesRevoked: expected.revoked,
      crossProvincePasses: expected.cross,
      tonnageDeclared: tons(expected.declaredKg),
      tonnageThroughCheckpoints: tons(expected.throughKg),
      scansAccepted: expected.accepted,
    };
    expect(live).toMatchObject(totals);
    expect(await harness.summary(firstDay, lastDay)).toMatchObject(totals);
  }, 180000);

  it('archives each event once, even when the live consumer is handed a batch again', async () => {
    // Events of its own, on days of their own, still on the topics when the group is rewound.
    const ownFirstDay = addDays(lastDay, 7);
    const own = generateDataSet(ownFirstDay, 100);
    const ids = own.events.map((e) => e.id);
    await harness.send(own.events);
    await harness.caughtUp();
    const archived = async () =>
      (
        await withPg((c) =>
          c.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM reporting.event_archive WHERE event_id = ANY($1::uuid[])',
            [ids],
          ),
        )
      ).rows[0].n;
    expect(await archived()).toBe(ids.length);

    await harness.app.close();
    await harness.rewindGroup();
    await harness.start();
    await harness.caughtUp(120000);
    expect(await archived()).toBe(ids.length);
    expect(await harness.summary(ownFirstDay, addDays(ownFirstDay, 2))).toMatchObject({
      passesIssued: own.expected.issued,
      passesRevoked: own.expected.revoked,
      tonnageDeclared: tons(own.expected.declaredKg),
      scansAccepted: own.expected.accepted,
    });
  }, 180000);
});
