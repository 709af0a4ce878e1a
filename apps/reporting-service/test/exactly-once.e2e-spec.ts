import { waitFor } from '../../../test/support/test-env';
import { addDays, generateDataSet, randomBaseDay, tons } from './report-fixtures';
import { ReportingHarness } from './reporting-harness';

describe('reporting-service counts every event once across a restart and a replay', () => {
  const harness = new ReportingHarness();
  const firstDay = randomBaseDay();
  const lastDay = addDays(firstDay, 2);
  const { events, expected } = generateDataSet(firstDay, 3000);

  beforeAll(() => harness.setUp(), 60000);
  afterAll(() => harness.tearDown());

  it('stops mid-stream, restarts from rewound offsets and still totals exactly', async () => {
    await harness.send(events.slice(0, 1500));
    await waitFor(
      async () => ((await harness.summary(firstDay, lastDay)).passesIssued as number) > 0,
      'the first events applied',
    );
    await harness.app.close();
    await harness.send(events.slice(1500));
    // As if the process died after its database commits but before any offset commit.
    await harness.rewindGroup();
    await harness.start();
    await harness.caughtUp(120000);

    expect(await harness.summary(firstDay, lastDay)).toMatchObject({
      passesIssued: expected.issued,
      passesRevoked: expected.revoked,
      crossProvincePasses: expected.cross,
      tonnageDeclared: tons(expected.declaredKg),
      tonnageThroughCheckpoints: tons(expected.throughKg),
      scansAccepted: expected.accepted,
      scansRejected: 0,
    });
  }, 180000);
});
