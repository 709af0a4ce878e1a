import { localDate } from '@app/domain';
import { validityProblem } from './validity-window';

describe('validity window rules', () => {
  const rules = { maxValidityDays: 30, maxStartAheadDays: 14, timeZone: 'Asia/Shanghai' };
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

  it('accepts a start on the last allowed day, today + 14 in the zone, up to its last second', () => {
    const from = new Date('2022-04-21T23:59:59+08:00');
    expect(
      validityProblem(from, new Date(from.getTime() + 86_400_000), now, rules),
    ).toBeUndefined();
  });

  it('refuses a start more than the allowed days ahead, without echoing the input', () => {
    const from = new Date('2022-04-22T00:00:00+08:00');
    const problem = validityProblem(from, new Date(from.getTime() + 86_400_000), now, rules);
    expect(problem).toMatch(/at most 14 days after today \(2022-04-07, Asia\/Shanghai\)/);
    expect(problem).not.toContain('2022-04-22');
  });

  it("refuses the issue's year-9999 window, whose end lies in year 10000 UTC", () => {
    const from = new Date('9999-12-20T00:00:00+08:00');
    const until = new Date('9999-12-31T23:59:59-12:00');
    expect(until.getUTCFullYear()).toBe(10000);
    expect(validityProblem(from, until, now, rules)).toMatch(/at most 14 days after today/);
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
