import { dailyQuerySchema, daysSpanned } from './report-queries';

describe('report queries', () => {
  it.each(['2023-02-29', '2023-2-01', '1999-12-31', 20220407])(
    'refuses %p as a date with DATE_INVALID',
    (from) => {
      const refused = dailyQuerySchema(33).safeParse({ from, to: '2024-02-29', by: 'cargo' });
      expect(refused.error?.issues[0]).toMatchObject({ params: { code: 'DATE_INVALID' } });
    },
  );

  it('takes a leap day', () => {
    const query = { from: '2024-02-29', to: '2024-02-29', by: 'cargo' };
    expect(dailyQuerySchema(33).parse(query)).toEqual({ ...query, level: 'county' });
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
