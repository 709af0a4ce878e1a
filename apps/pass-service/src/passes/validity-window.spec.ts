import { localDate, validityProblem } from './validity-window';

describe('validity window rules', () => {
  const rules = { maxValidityDays: 30, timeZone: 'Asia/Shanghai' };
  // 2022-04-07 07:00 in Beijing is still 2022-04-06 in UTC.
  const now = new Date('2022-04-06T23:00:00Z');

  it('takes "today" from the configured zone, not from UTC', () => {
    expect(localDate(now, 'Asia/Shanghai')).toBe('2022-04-07');
    expect(localDate(now, 'UTC')).toBe('2022-04-06');
  });

  it('accepts a window starting at local midnight today, before the current instant', () => {
    const from = new Date('2022-04-07T00:00:00+08:00');
    expect(
      validityProblem(from, new Date('2022-04-14T00:00:00+08:00'), now, rules),
    ).toBeUndefined();
  });

  it('refuses a window starting yesterday', () => {
    const from = new Date('2022-04-06T23:59:59+08:00');
    expect(validityProblem(from, new Date('2022-04-08T00:00:00+08:00'), now, rules)).toMatch(
      /before today \(2022-04-07/,
    );
  });

  it('refuses an end that is not after the start', () => {
    const from = new Date('2022-04-08T00:00:00+08:00');
    expect(validityProblem(from, from, now, rules)).toMatch(/after validFrom/);
  });

  it('allows exactly the maximum span and refuses one second more', () => {
    const from = new Date('2022-04-08T00:00:00+08:00');
    const max = new Date(from.getTime() + 30 * 86_400_000);
    expect(validityProblem(from, max, now, rules)).toBeUndefined();
    expect(validityProblem(from, new Date(max.getTime() + 1000), now, rules)).toMatch(
      /at most 30 days/,
    );
  });
});
