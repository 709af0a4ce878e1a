import { randomUUID } from 'node:crypto';
import { CheckpointScannedV1, createEvent } from '@app/contracts';
import fc from 'fast-check';
import type { PendingScan, ScanRecord } from '../src/verifications/scan';
import { ScanWriter } from '../src/verifications/scan-writer';
import { withPg } from '../../../test/support/test-env';
import { CHECKPOINTS, VerifyHarness } from './verify-harness';

/**
 * Defence in depth behind the edge's validation: a scan whose values the database refuses shares
 * a group commit with other officers' scans, and must fail alone.
 */

/** Values of the record's own types that PostgreSQL refuses (out of its ranges, or NUL in text). */
const refusedValue = fc.constantFrom<Partial<ScanRecord>>(
  { deviceScannedAt: new Date('0000-01-01T00:00:00Z') }, // no year 0 in PostgreSQL
  { deviceScannedAt: new Date(8.64e15) }, // +275760, past PostgreSQL's last timestamp
  { tonnageKg: 2 ** 63 }, // past bigint
  { leewaySeconds: 2 ** 31 }, // past int4
  { officerUsername: 'officer\u0000' }, // text cannot hold NUL
  { observedPlate: 'x\u0000' },
);

function pendingScan(over: Partial<ScanRecord> = {}): PendingScan {
  const checkpoint = CHECKPOINTS.zhengzhou;
  const record: ScanRecord = {
    id: randomUUID(),
    checkpointCode: checkpoint.code,
    officerUserId: randomUUID(),
    officerUsername: 'officer-zz',
    direction: 'entry',
    verdict: 'rejected',
    reason: 'NOT_A_PASS',
    passId: null,
    passNumber: null,
    plate: null,
    observedPlate: null,
    tonnageKg: null,
    cloneSuspected: false,
    leewaySeconds: 0,
    checkedAt: new Date(),
    deviceScannedAt: null,
    requestHash: null,
    ...over,
  };
  const event = createEvent(
    CheckpointScannedV1,
    {
      scanId: record.id,
      checkpointCode: checkpoint.code,
      checkpointDivision: checkpoint.divisionCode,
      direction: 'entry',
      verdict: 'rejected',
      reason: 'NOT_A_PASS',
      cloneSuspected: false,
      passId: null,
      passNumber: null,
      plate: null,
      enterpriseCreditCode: null,
      cargoCategory: null,
      tonnageKg: null,
      originDivision: null,
      destinationDivision: null,
    },
    { producer: 'verify-test', key: checkpoint.code },
  );
  return { record, event };
}

async function storedIds(ids: string[]): Promise<Set<string>> {
  const result = await withPg((c) =>
    c.query<{ id: string }>('SELECT id FROM verify.scans WHERE id = ANY($1::uuid[])', [ids]),
  );
  return new Set(result.rows.map((r) => r.id));
}

describe('verify-service: a scan the database refuses fails alone', () => {
  const harness = new VerifyHarness();

  beforeAll(() => harness.setUp());
  afterAll(() => harness.tearDown());

  it('records every innocent scan of a group commit that also carries refused ones (property, real PostgreSQL)', async () => {
    const writer = harness.app.get(ScanWriter);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(refusedValue, { nil: undefined, freq: 3 }), {
          minLength: 2,
          maxLength: 60,
        }),
        async (slots) => {
          // Written in one tick, so they share the writer's batches.
          const scans = slots.map((refused) => pendingScan(refused));
          const outcomes = await Promise.allSettled(scans.map((s) => writer.write(s)));
          const stored = await storedIds(scans.map((s) => s.record.id));
          slots.forEach((refused, i) => {
            const id = scans[i].record.id;
            if (refused === undefined) {
              expect({ i, outcome: outcomes[i] }).toEqual({
                i,
                outcome: { status: 'fulfilled', value: true },
              });
              expect(stored.has(id)).toBe(true);
            } else {
              expect(outcomes[i].status).toBe('rejected');
              expect(stored.has(id)).toBe(false);
            }
          });
        },
      ),
      { numRuns: 30 },
    );
    // Every stored scan went in with its one event (the same statement): none without, none twice.
    const orphans = await withPg((c) =>
      c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM verify.outbox o
         WHERE NOT EXISTS (SELECT 1 FROM verify.scans s WHERE s.id::text = o.payload::jsonb #>> '{data,scanId}')`,
      ),
    );
    expect(orphans.rows).toEqual([{ n: 0 }]);
  });

  it('answers 503 only to the officer whose scan was refused, and verdicts to everyone else', async () => {
    // The database refuses one observed plate, as it would refuse any value it cannot store.
    await withPg((c) =>
      c.query(
        `ALTER TABLE verify.scans ADD CONSTRAINT refuse_one
         CHECK (observed_plate IS DISTINCT FROM '豫B99999') NOT VALID`,
      ),
    );
    try {
      const innocent = Array.from({ length: 40 }, (_, i) =>
        harness.verify({
          qr: harness.qr(),
          checkpointCode: i % 2 ? CHECKPOINTS.kaifeng.code : CHECKPOINTS.zhengzhou.code,
          direction: 'entry',
        }),
      );
      const refused = harness.verify({
        qr: harness.qr(),
        checkpointCode: CHECKPOINTS.kaifeng.code,
        direction: 'entry',
        observedPlate: '豫B99999',
      });
      const [bad, ...good] = await Promise.all([refused, ...innocent]);
      expect(bad.status).toBe(503);
      expect(bad.body).toMatchObject({ code: 'SCAN_NOT_RECORDED' });
      expect(good.map((r) => r.status)).toEqual(good.map(() => 200));
      const ids = good.map((r) => String((r.body as { scanId: string }).scanId));
      expect((await storedIds(ids)).size).toBe(40);
    } finally {
      await withPg((c) => c.query('ALTER TABLE verify.scans DROP CONSTRAINT refuse_one'));
    }
  });
});
