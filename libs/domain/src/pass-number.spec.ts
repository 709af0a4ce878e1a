import { MAX_PASS_SERIAL, formatPassNumber, parsePassNumber } from './pass-number';

describe('formatPassNumber', () => {
  it('zero-pads the serial after the county code, 12 digits in all', () => {
    expect(formatPassNumber('410202', 42)).toBe('410202000042');
    expect(formatPassNumber('410225', 1)).toBe('410225000001');
  });

  it("fits Kaifeng's busiest month: 65,718 passes from one county", () => {
    expect(formatPassNumber('410212', 65_718)).toBe('410212065718');
  });

  it('accepts the last serial a county can issue', () => {
    expect(formatPassNumber('440106', MAX_PASS_SERIAL)).toBe('440106999999');
  });

  it.each([0, -1, 1_000_000, 1.5, NaN, Infinity])(
    'throws a RangeError for the serial %p',
    (serial) => {
      expect(() => formatPassNumber('410202', serial)).toThrow(RangeError);
    },
  );

  it.each(['41020', '4102021', '4102', '41020A', '', '４１０２０２'])(
    'throws a RangeError for the county code %p',
    (county) => {
      expect(() => formatPassNumber(county, 1)).toThrow(RangeError);
    },
  );
});

describe('parsePassNumber', () => {
  it('splits a pass number into county and serial', () => {
    expect(parsePassNumber('410202000042')).toEqual({ countyCode: '410202', serial: 42 });
  });

  it('round-trips with formatPassNumber', () => {
    for (const [county, serial] of [
      ['410202', 1],
      ['110101', 65_718],
      ['440106', MAX_PASS_SERIAL],
    ] as const) {
      expect(parsePassNumber(formatPassNumber(county, serial))).toEqual({
        countyCode: county,
        serial,
      });
    }
  });

  it.each([
    '410202000000',
    '41020200004',
    '4102020000421',
    '41020200004A',
    '',
    ' 410202000042',
    '410202-000042',
  ])('refuses %p', (passNumber) => {
    expect(parsePassNumber(passNumber)).toBeUndefined();
  });
});
