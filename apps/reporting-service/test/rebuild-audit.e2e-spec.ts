import { loadReportingServiceConfig } from '../src/config/reporting-service.config';
import { commandLineOperator, rebuildAggregates } from '../src/rebuild/rebuild.command';
import { testEnv } from '../../../test/support/test-env';
import { generateDataSet, randomBaseDay } from './report-fixtures';
import { ReportingHarness } from './reporting-harness';

describe('reporting-service: a rebuild in the audit trail', () => {
  const harness = new ReportingHarness();
  const config = loadReportingServiceConfig({
    DATABASE_URL: testEnv.databaseUrl,
    KAFKA_BROKERS: testEnv.kafkaBrokers.join(','),
    KAFKA_PARTITIONS: '3',
    LOG_LEVEL: 'warn',
  });

  beforeAll(() => harness.setUp(), 60000);
  afterAll(() => harness.tearDown());

  it('names the operator at the command line', () => {
    expect(commandLineOperator()).toEqual({
      id: null,
      name: expect.stringMatching(/^.+@cli$/),
      role: 'operator',
    });
  });

  it('records who rebuilt, into which generation, readable by the admin alone', async () => {
    await harness.send(generateDataSet(randomBaseDay(), 50).events);
    await harness.caughtUp();

    const report = await rebuildAggregates(config, {
      id: null,
      name: 'ops-1@cli',
      role: 'operator',
    });
    expect(report.totalsMatch).toBe(true);

    const admin = harness.identity.token('admin');
    const res = await harness.get('/v1/audit?action=reporting.rebuilt', admin).expect(200);
    expect(res.body).toEqual({
      items: [
        {
          id: expect.stringMatching(/^\d+$/),
          at: expect.any(String),
          actor: { id: null, name: 'ops-1@cli', role: 'operator' },
          action: 'reporting.rebuilt',
          target: { type: 'report', id: `generation-${report.generation}` },
          divisionCode: null,
          reason: null,
          details: {
            previousGeneration: report.previousGeneration,
            eventsReplayed: report.eventsReplayed,
            totalsMatch: true,
          },
          requestId: null,
        },
      ],
      nextCursor: null,
    });

    // Reports are nationwide: an entry without a division is not an official's to read.
    const official = await harness.get('/v1/audit', harness.official).expect(200);
    expect(official.body).toEqual({ items: [], nextCursor: null });
    for (const role of ['enterprise', 'officer'] as const) {
      const refused = await harness.get('/v1/audit', harness.identity.token(role)).expect(403);
      expect(refused.body).toMatchObject({ code: 'FORBIDDEN' });
    }
  }, 180000);
});
