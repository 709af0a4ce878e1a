import { dailyQuerySchema, daysSpanned, isIsoDate } from './report-queries';

describe('report queries', () => {
  it('knows real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-2-01')).toBe(false);
  });

  it('counts a range inclusively', () => {
    expect(daysSpanned('2022-04-07', '2022-04-07')).toBe(1);
    expect(daysSpanned('2022-04-07', '2022-05-09')).toBe(33);
  });

  it('accepts the configured longest range and refuses one day more', () => {
    const schema = dailyQuerySchema(33);
    expect(schema.parse({ from: '2022-04-07', to: '2022-05-09', by: 'origin' })).toEqual({
      from: '2022-04-07',
      to: '2022-05-09',
      by: 'origin',
      level: 'county',
    });
    const refused = schema.safeParse({ from: '2022-04-07', to: '2022-05-10', by: 'cargo' });
    expect(refused.error?.issues[0]).toMatchObject({ params: { code: 'RANGE_TOO_LONG' } });
  });
});
