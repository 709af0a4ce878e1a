import { maskPhone } from './phone';

describe('maskPhone', () => {
  it('shows a mainland mobile as its first three and last four digits', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskPhone('13800138000')).toBe('138****8000');
  });

  it('keeps the first three and the last four of a longer number, hiding the rest', () => {
    expect(maskPhone('+8613912345678')).toBe('+86*******5678');
    expect(maskPhone('008613912345678')).toBe('008********5678');
  });

  it('hides at least four characters of a shorter number, its head first', () => {
    expect(maskPhone('1391234567')).toBe('13****4567');
    expect(maskPhone('22334455')).toBe('****4455');
    expect(maskPhone('12345')).toBe('****5');
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone('12')).toBe('**');
    expect(maskPhone('')).toBe('');
  });

  it('never shows more than seven digits, nor fewer than four hidden, at any length', () => {
    for (let length = 0; length <= 40; length++) {
      const phone = '9'.repeat(length);
      const masked = maskPhone(phone);
      const shown = masked.replace(/\*/g, '').length;
      expect(masked).toHaveLength(length);
      expect(shown).toBeLessThanOrEqual(7);
      expect(length - shown).toBeGreaterThanOrEqual(Math.min(length, 4));
    }
  });

  it('counts characters, not UTF-16 units, so a hostile value cannot split a surrogate pair', () => {
    const masked = maskPhone('😀😀😀1234567😀');
    expect(Array.from(masked)).toHaveLength(11);
    expect(masked).toBe('😀😀😀****567😀');
  });
});
