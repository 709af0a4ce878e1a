import { cloneSignal, haversineKm, type Sighting } from './clone-rule';
import { RecentSightings } from './recent-sightings';

const KAIFENG = { latitude: 34.797, longitude: 114.307 };
const ZHENGZHOU = { latitude: 34.746, longitude: 113.625 };
const GUANGZHOU = { latitude: 23.129, longitude: 113.264 };
const rule = { maxSpeedKmh: 120, reentryWindowMs: 12 * 3_600_000 };
const MINUTE = 60_000;

let n = 0;
const seen = (over: Partial<Sighting>): Sighting => ({
  scanId: `scan-${(n += 1)}`,
  checkpointCode: 'CP-KF',
  location: KAIFENG,
  direction: 'entry',
  at: 0,
  ...over,
});

describe('clone rule', () => {
  it('measures great-circle distances', () => {
    expect(haversineKm(KAIFENG, ZHENGZHOU)).toBeGreaterThan(60);
    expect(haversineKm(KAIFENG, ZHENGZHOU)).toBeLessThan(65);
    expect(haversineKm(KAIFENG, KAIFENG)).toBe(0);
  });

  it('flags two checkpoints too far apart for the time between the scans', () => {
    const kaifeng = seen({ at: 0 });
    const zhengzhou = (at: number) => seen({ checkpointCode: 'CP-ZZ', location: ZHENGZHOU, at });
    expect(cloneSignal([kaifeng], zhengzhou(10 * MINUTE), rule)).toBe('impossible_travel');
    expect(cloneSignal([kaifeng], zhengzhou(40 * MINUTE), rule)).toBeNull();
    expect(
      cloneSignal(
        [kaifeng],
        seen({ checkpointCode: 'CP-GZ', location: GUANGZHOU, at: 5 * 3_600_000 }),
        rule,
      ),
    ).toBe('impossible_travel');
  });

  it('judges scans that arrive out of order by the absolute time between them', () => {
    const later = seen({ at: 60 * MINUTE });
    const earlierElsewhere = seen({
      checkpointCode: 'CP-ZZ',
      location: ZHENGZHOU,
      at: 55 * MINUTE,
    });
    expect(cloneSignal([later], earlierElsewhere, rule)).toBe('impossible_travel');
  });

  it('cannot judge distance when a checkpoint has no coordinates', () => {
    expect(
      cloneSignal(
        [seen({ at: 0 })],
        seen({ checkpointCode: 'CP-X', location: null, at: MINUTE }),
        rule,
      ),
    ).toBeNull();
  });

  it('flags a second entry at one checkpoint without an exit in between, within the window', () => {
    const entry = seen({ at: 0 });
    expect(cloneSignal([entry], seen({ at: 30 * MINUTE }), rule)).toBe('reentry_without_exit');
    const exit = seen({ direction: 'exit', at: 10 * MINUTE });
    expect(cloneSignal([entry, exit], seen({ at: 30 * MINUTE }), rule)).toBeNull();
    expect(cloneSignal([entry], seen({ at: 13 * 3_600_000 }), rule)).toBeNull();
    expect(cloneSignal([entry], seen({ direction: 'exit', at: 30 * MINUTE }), rule)).toBeNull();
  });
});

describe('recent sightings', () => {
  it('keeps the newest sightings of the most recently scanned passes', () => {
    const recent = new RecentSightings(2, 2);
    recent.add('a', seen({ at: 1 }));
    recent.add('a', seen({ at: 3 }));
    recent.add('a', seen({ at: 2 }));
    expect(recent.of('a').map((s) => s.at)).toEqual([2, 3]);
    recent.add('b', seen({ at: 1 }));
    recent.add('a', seen({ at: 4 }));
    recent.add('c', seen({ at: 1 }));
    expect(recent.of('b')).toEqual([]);
    expect(recent.size).toBe(2);
  });

  it('takes back a sighting whose scan was not stored', () => {
    const recent = new RecentSightings(10, 10);
    const kept = seen({ at: 1 });
    const dropped = seen({ at: 2 });
    recent.add('a', kept);
    recent.add('a', dropped);
    recent.remove('a', dropped);
    expect(recent.of('a')).toEqual([kept]);
  });
});
