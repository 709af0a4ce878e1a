import { formatKgAsTons, parseTonsToKg } from './tonnage';

describe('parseTonsToKg', () => {
  it.each([
    ['12.5', 12_500],
    ['12.500', 12_500],
    ['12.05', 12_050],
    ['0.001', 1],
    ['49', 49_000],
    ['31.999', 31_999],
    [' 18.2 ', 18_200],
    ['007.5', 7_500],
  ])('reads the string %p as %p kg', (input, kg) => {
    expect(parseTonsToKg(input)).toBe(kg);
  });

  it.each([
    [12.5, 12_500],
    [0.001, 1],
    [49, 49_000],
    // 0.1 + 0.2 is 0.30000000000000004 in floats; a declared 0.3 t must still be 300 kg.
    [0.3, 300],
    [1.005, 1_005],
    [4.35, 4_350],
  ])('reads the number %p as %p kg, with no float rounding', (input, kg) => {
    expect(parseTonsToKg(input)).toBe(kg);
  });

  it('refuses a float sum whose shortest decimal has more than three places', () => {
    expect(parseTonsToKg(0.1 + 0.2)).toBeUndefined();
  });

  it.each([
    '0',
    '0.000',
    '-1',
    '-0.5',
    '12.5001',
    '12.5000',
    '1e3',
    '1E3',
    '',
    '   ',
    '12.',
    '.5',
    '+5',
    '12,5',
    '１２.５',
    'NaN',
    'Infinity',
    '0x10',
    '12 .5',
  ])('refuses the string %p', (input) => {
    expect(parseTonsToKg(input)).toBeUndefined();
  });

  it.each([0, -3, 12.0001, NaN, Infinity, -Infinity, 1e21, 1e-7])(
    'refuses the number %p',
    (input) => {
      expect(parseTonsToKg(input)).toBeUndefined();
    },
  );

  it('refuses a tonnage whose kilograms would not be a safe integer', () => {
    expect(parseTonsToKg('9007199254740.991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseTonsToKg('9007199254740.992')).toBeUndefined();
  });
});

describe('formatKgAsTons', () => {
  it('always shows three decimals', () => {
    expect(formatKgAsTons(12_500)).toBe('12.500');
    expect(formatKgAsTons(12_050)).toBe('12.050');
    expect(formatKgAsTons(1)).toBe('0.001');
    expect(formatKgAsTons(0)).toBe('0.000');
    expect(formatKgAsTons(49_000)).toBe('49.000');
  });

  it("formats Kaifeng's reference month, 1.72 million tons, given as a decimal string", () => {
    expect(formatKgAsTons('1720000000')).toBe('1720000.000');
  });

  it('formats a national total beyond 2^53 kg exactly, given as a bigint', () => {
    expect(formatKgAsTons(123_456_789_012_345_678_901n)).toBe('123456789012345678.901');
  });

  it('formats a negative correction', () => {
    expect(formatKgAsTons(-1_500)).toBe('-1.500');
    expect(formatKgAsTons('-7')).toBe('-0.007');
  });

  it('round-trips with parseTonsToKg', () => {
    for (const tons of ['0.001', '12.500', '31.999', '100000.000']) {
      const kg = parseTonsToKg(tons);
      expect(kg).toBeDefined();
      expect(formatKgAsTons(kg as number)).toBe(tons);
    }
  });

  it.each([12.5, NaN, Number.MAX_SAFE_INTEGER + 1])(
    'throws on the non-integer or unsafe number %p',
    (kg) => {
      expect(() => formatKgAsTons(kg)).toThrow(RangeError);
    },
  );

  it.each(['12.5', '', '1e3', ' 12', 'abc'])('throws on the string %p', (kg) => {
    expect(() => formatKgAsTons(kg)).toThrow(RangeError);
  });
});
