import { parseTopicEvent, Topic } from '@app/contracts';
import { TopicReader } from '../../../test/support/topic-reader';
import { waitFor, withPg } from '../../../test/support/test-env';
import { CHECKPOINTS, VerifyHarness } from './verify-harness';

describe("verify-service: a tractor's trailer plate at the checkpoint (TRAILER_MISMATCH)", () => {
  const harness = new VerifyHarness();
  let checkpointEvents: TopicReader;

  beforeAll(async () => {
    await harness.setUp();
    checkpointEvents = await new TopicReader(Topic.Checkpoint).start();
  });
  afterAll(async () => {
    await checkpointEvents?.stop();
    await harness.tearDown();
  });

  const tractor = () => harness.qr({ pl: '豫B12345', tp: '豫B6789挂' });

  it("accepts the pass's own trailer plate, typed in any common form, and shows it", async () => {
    for (const typed of ['豫B6789挂', ' 豫ｂ·６７８９挂 ', '豫b 6789挂']) {
      const body = await harness.scan(tractor(), { trailerPlate: typed });
      expect({ typed, verdict: body.verdict, reason: body.reason }).toEqual({
        typed,
        verdict: 'accepted',
        reason: null,
      });
      expect(body.pass).toMatchObject({ plate: '豫B12345', trailerPlate: '豫B6789挂' });
    }
    // Nothing typed, nothing compared; a pass without a trailer shows none.
    expect(await harness.scan(tractor())).toMatchObject({ verdict: 'accepted' });
    expect(await harness.scan(harness.qr())).toMatchObject({
      verdict: 'accepted',
      pass: { trailerPlate: null },
    });
  });

  it('rejects another trailer with TRAILER_MISMATCH, recorded and published like any verdict', async () => {
    const body = await harness.scan(tractor(), { trailerPlate: '豫B6788挂' });
    expect(body).toMatchObject({
      verdict: 'rejected',
      reason: 'TRAILER_MISMATCH',
      pass: { trailerPlate: '豫B6789挂' },
    });
    const scanId = String(body.scanId);
    const stored = await withPg((pg) =>
      pg.query('SELECT verdict, reason FROM verify.scans WHERE id = $1', [scanId]),
    );
    expect(stored.rows).toEqual([{ verdict: 'rejected', reason: 'TRAILER_MISMATCH' }]);
    const event = await waitFor(() => {
      for (const message of checkpointEvents.messages) {
        const parsed = parseTopicEvent(Topic.Checkpoint, JSON.parse(message.value));
        if (parsed.ok && parsed.event.data.scanId === scanId) return parsed.event;
      }
      return undefined;
    }, `checkpoint.scanned for scan ${scanId}`);
    expect(event.data).toMatchObject({ verdict: 'rejected', reason: 'TRAILER_MISMATCH' });
    const listed = await harness
      .get(`/v1/verifications?reason=TRAILER_MISMATCH&checkpointCode=${CHECKPOINTS.kaifeng.code}`)
      .expect(200);
    const items = (listed.body as { items: { scanId: string }[] }).items;
    expect(items.map((s) => s.scanId)).toContain(scanId);
  });

  it('rejects a typed trailer for a pass that names none, and keeps the plate and revocation first', async () => {
    expect(await harness.scan(harness.qr(), { trailerPlate: '豫B6789挂' })).toMatchObject({
      verdict: 'rejected',
      reason: 'TRAILER_MISMATCH',
    });
    expect(
      await harness.scan(tractor(), { observedPlate: '豫B54321', trailerPlate: '豫B0000挂' }),
    ).toMatchObject({ reason: 'PLATE_MISMATCH' });
    const content = harness.content({ tp: '豫B6789挂' });
    await harness.send([harness.revoked(content)]);
    await harness.revocationApplied(content.pn);
    expect(await harness.scan(harness.qr(content), { trailerPlate: '豫B0000挂' })).toMatchObject({
      reason: 'REVOKED',
    });
    // A pass issued before trailer plates (legacy token) still verifies when none is typed.
    expect(await harness.scan(harness.legacyQr(harness.content()))).toMatchObject({
      verdict: 'accepted',
      pass: { trailerPlate: null },
    });
  });

  it('answers a trailerPlate that is not a trailer plate with 400 TRAILER_PLATE_INVALID, recording nothing', async () => {
    const qr = tractor();
    const before = await withPg((pg) => pg.query('SELECT count(*)::int AS n FROM verify.scans'));
    for (const trailerPlate of [
      '豫B12345',
      '豫B12345/豫B6789挂',
      'garbage',
      '挂'.repeat(41),
      42,
      null,
      '豫B67\u202e89挂',
    ]) {
      const res = await harness
        .verify({ qr, checkpointCode: CHECKPOINTS.kaifeng.code, direction: 'entry', trailerPlate })
        .expect(400);
      expect({ trailerPlate, code: res.body.code }).toEqual({
        trailerPlate,
        code: 'TRAILER_PLATE_INVALID',
      });
    }
    const after = await withPg((pg) => pg.query('SELECT count(*)::int AS n FROM verify.scans'));
    expect(after.rows).toEqual(before.rows);
  });
});
