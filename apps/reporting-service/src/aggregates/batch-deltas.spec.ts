import { createEvent, CheckpointScannedV1, PassRejectedV1 } from '@app/contracts';
import { samplePassIssued } from '../../../../test/support/sample-events';
import { batchDeltas, UNSPECIFIED_REASON } from './batch-deltas';
import { LocalTimeBuckets } from './local-time';

const buckets = new LocalTimeBuckets('Asia/Shanghai');
const at = (iso: string) => ({ occurredAt: iso });

function scan(
  overrides: Partial<CheckpointScannedV1['data']>,
  occurredAt: string,
): CheckpointScannedV1 {
  const base: CheckpointScannedV1['data'] = {
    scanId: '6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b',
    checkpointCode: 'CP-1',
    checkpointDivision: '410202',
    direction: 'entry',
    verdict: 'accepted',
    reason: null,
    cloneSuspected: false,
    passId: null,
    passNumber: null,
    plate: null,
    enterpriseCreditCode: null,
    cargoCategory: 'energy',
    tonnageKg: 1000,
    originDivision: null,
    destinationDivision: null,
  };
  return {
    ...createEvent(CheckpointScannedV1, { ...base, ...overrides }, { producer: 'test', key: 'k' }),
    ...at(occurredAt),
  };
}

describe('batchDeltas', () => {
  it('folds passes of one local day and route into one row, summing kilograms as bigint', () => {
    const big = Number.MAX_SAFE_INTEGER;
    const events = [
      { ...samplePassIssued({ tonnageKg: big }), ...at('2022-04-07T16:00:00.000Z') },
      { ...samplePassIssued({ tonnageKg: big }), ...at('2022-04-08T15:59:59.999Z') },
      { ...samplePassIssued({ tonnageKg: 1 }), ...at('2022-04-07T15:59:59.999Z') },
    ];
    const { passDaily } = batchDeltas(events, buckets);
    expect(passDaily.map((r) => [r.day, r.passesIssued, r.tonnageDeclaredKg])).toEqual([
      ['2022-04-07', 1, 1n],
      ['2022-04-08', 2, BigInt(big) * 2n],
    ]);
  });

  it('counts nothing for a refused application (pass.rejected), live or in a rebuild', () => {
    const rejected = createEvent(
      PassRejectedV1,
      {
        passId: '6f1c7a5e-8f7e-4d7e-9a55-0a1b2c3d4e5f',
        enterpriseId: '2f0c7a5e-8f7e-4d7e-9a55-0a1b2c3d4e5f',
        plate: '豫B12345',
        reason: 'incomplete papers',
        rejectedByRole: 'official' as const,
      },
      { producer: 'test', key: '6f1c7a5e-8f7e-4d7e-9a55-0a1b2c3d4e5f' },
    );
    const deltas = batchDeltas([rejected, samplePassIssued({ tonnageKg: 7 })], buckets);
    expect(
      deltas.passDaily.map((r) => [r.passesIssued, r.passesRevoked, r.tonnageDeclaredKg]),
    ).toEqual([[1, 0, 7n]]);
    expect(deltas.checkpointHourly).toEqual([]);
    expect(batchDeltas([rejected], buckets)).toEqual({
      passDaily: [],
      checkpointHourly: [],
      enterpriseNames: new Map(),
    });
  });

  it('counts cross-province by the first two digits of origin and destination', () => {
    const { passDaily } = batchDeltas(
      [
        samplePassIssued({ originDivision: '410202', destinationDivision: '110101' }),
        samplePassIssued({ originDivision: '410202', destinationDivision: '419001' }),
      ],
      buckets,
    );
    expect(passDaily.map((r) => r.crossProvince).sort()).toEqual([0, 1]);
  });

  it('adds tonnage only for accepted entry scans and keys rejections by reason', () => {
    const t = '2022-04-08T01:00:00.000Z';
    const { checkpointHourly } = batchDeltas(
      [
        scan({}, t),
        scan({ direction: 'exit' }, t),
        scan({ verdict: 'rejected', reason: 'EXPIRED', cloneSuspected: true }, t),
        scan({ verdict: 'rejected', reason: null }, t),
      ],
      buckets,
    );
    expect(
      checkpointHourly.map((r) => [r.reason, r.hour, r.scans, r.tonnageThroughKg, r.cloneFlags]),
    ).toEqual([
      ['', 9, 2, 1000n, 0],
      ['EXPIRED', 9, 1, 0n, 1],
      [UNSPECIFIED_REASON, 9, 1, 0n, 0],
    ]);
  });
});
