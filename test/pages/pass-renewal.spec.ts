/**
 * The renewal form's prefilled window (apps/pass-service/web/portal/views/pass-renewal.js): right
 * after the pass it renews, for as long as it lasted, in whole minutes that never start inside
 * the earlier pass (the datetime-local fields drop seconds).
 */
interface Window {
  from: Date;
  until: Date;
}
interface RenewalModule {
  nextWindow(pass: { validFrom: string; validUntil: string }, now?: Date): Window;
}

describe('the renewal form’s next window', () => {
  const RENEWAL_JS = '../../apps/pass-service/web/portal/views/pass-renewal.js';
  let nextWindow: RenewalModule['nextWindow'];

  beforeAll(async () => {
    ({ nextWindow } = (await import(RENEWAL_JS)) as RenewalModule);
  });

  const now = new Date('2026-12-02T08:00:00.000Z');

  it('starts at the end of a live pass, rounded up to the minute, for the same span', () => {
    const window = nextWindow(
      { validFrom: '2026-12-01T10:15:30.500Z', validUntil: '2026-12-04T10:15:30.500Z' },
      now,
    );
    expect(window.from.toISOString()).toBe('2026-12-04T10:16:00.000Z');
    expect(window.until.getTime() - window.from.getTime()).toBe(3 * 86_400_000);
  });

  it('starts now (rounded up) for an expired pass, and lasts at least a day', () => {
    const window = nextWindow(
      { validFrom: '2026-11-30T00:00:00.000Z', validUntil: '2026-11-30T06:00:00.000Z' },
      new Date('2026-12-02T08:00:01.000Z'),
    );
    expect(window.from.toISOString()).toBe('2026-12-02T08:01:00.000Z');
    expect(window.until.toISOString()).toBe('2026-12-03T08:01:00.000Z');
  });

  it('keeps an end that falls on a whole minute', () => {
    const window = nextWindow(
      { validFrom: '2026-12-01T00:00:00.000Z', validUntil: '2026-12-03T00:00:00.000Z' },
      now,
    );
    expect(window.from.toISOString()).toBe('2026-12-03T00:00:00.000Z');
  });
});
