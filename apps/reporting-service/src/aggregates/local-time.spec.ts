import { LocalTimeBuckets } from './local-time';

describe('LocalTimeBuckets', () => {
  const shanghai = new LocalTimeBuckets('Asia/Shanghai');

  it('puts 15:59:59Z on the same Shanghai day and 16:00Z on the next one', () => {
    expect(shanghai.of('2022-04-07T15:59:59.999Z')).toEqual({ day: '2022-04-07', hour: 23 });
    expect(shanghai.of('2022-04-07T16:00:00.000Z')).toEqual({ day: '2022-04-08', hour: 0 });
  });

  it('crosses month and year ends in local time', () => {
    expect(shanghai.of('2022-04-30T20:00:00.000Z')).toEqual({ day: '2022-05-01', hour: 4 });
    expect(shanghai.of('2022-12-31T16:30:00.000Z')).toEqual({ day: '2023-01-01', hour: 0 });
  });

  it('follows the configured zone, including half-hour offsets', () => {
    expect(new LocalTimeBuckets('UTC').of('2022-04-07T16:00:00.000Z')).toEqual({
      day: '2022-04-07',
      hour: 16,
    });
    expect(new LocalTimeBuckets('Asia/Kolkata').of('2022-04-07T18:29:00.000Z')).toEqual({
      day: '2022-04-07',
      hour: 23,
    });
    expect(new LocalTimeBuckets('Asia/Kolkata').of('2022-04-07T18:30:00.000Z')).toEqual({
      day: '2022-04-08',
      hour: 0,
    });
  });
});
