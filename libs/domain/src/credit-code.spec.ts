import { creditCodeCheckCharacter, isValidCreditCode, normalizeCreditCode } from './credit-code';

/**
 * Codes published on business licences and public registers. Each one's check character
 * is recomputed below, so a typo here fails the first test rather than passing silently.
 */
const REAL_CODES = {
  huaweiTechnologies: '914403001922038216', // 华为技术有限公司, Shenzhen
  tencentShenzhen: '91440300708461136T', // 腾讯科技（深圳）有限公司
  baiduNetcom: '91110000802100433B', // 北京百度网讯科技有限公司 (organisation code 802100433)
  xiaomi: '91110108551385082Q', // 小米科技有限责任公司, Beijing Haidian
} as const;

describe('creditCodeCheckCharacter', () => {
  it.each(Object.entries(REAL_CODES))(
    'recomputes the published check character of %s',
    (_, code) => {
      expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code.charAt(17));
    },
  );

  it('can yield a digit 0 when the weighted sum is a multiple of 31', () => {
    // 31 - 0 would index past the charset; the outer modulo folds it back to '0'.
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
  });

  it('refuses input with a character outside the charset or of the wrong length', () => {
    expect(creditCodeCheckCharacter('9144030019220382I')).toBeUndefined();
    expect(creditCodeCheckCharacter('91440300192203821')).toBe('6');
    expect(creditCodeCheckCharacter('9144030019220382')).toBeUndefined();
  });
});

describe('isValidCreditCode', () => {
  it.each(Object.entries(REAL_CODES))('accepts the real code of %s', (_, code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('rejects Huawei’s code with its check digit changed', () => {
    expect(isValidCreditCode('914403001922038217')).toBe(false);
  });

  it('rejects Tencent’s code with one serial character changed', () => {
    expect(isValidCreditCode('91440300708461137T')).toBe(false);
  });

  it('rejects Baidu Netcom’s code with two adjacent characters transposed', () => {
    expect(isValidCreditCode('91110000801200433B')).toBe(false);
  });

  it('rejects Xiaomi’s code with its division digits transposed', () => {
    expect(isValidCreditCode('91111008551385082Q')).toBe(false);
  });

  it('rejects a code one character short or long', () => {
    expect(isValidCreditCode('91440300192203821')).toBe(false);
    expect(isValidCreditCode('9144030019220382160')).toBe(false);
  });

  it('rejects letters the standard excludes (I, O, Z, S, V) even where the checksum would fit', () => {
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
      expect(isValidCreditCode(`91440300192203821${letter}`)).toBe(false);
    }
  });

  it('rejects an unknown registration authority even with a correct check character', () => {
    const body = 'B1440300192203821';
    const check = creditCodeCheckCharacter(body);
    expect(check).toBeDefined();
    expect(isValidCreditCode(`${body}${check}`)).toBe(false);
  });

  it('rejects a category that its authority does not issue (94 under 工商)', () => {
    const body = '94440300192203821';
    expect(isValidCreditCode(`${body}${creditCodeCheckCharacter(body)}`)).toBe(false);
  });

  it('accepts the other authorities and categories when the checksum holds', () => {
    // 12: a public institution (事业单位); 52: a private non-enterprise unit; 93: a cooperative;
    // N2: a village collective; Y1: other.
    for (const prefix of ['12', '52', '93', 'N2', 'Y1']) {
      const body = `${prefix}410202MA0000001`;
      expect(isValidCreditCode(`${body}${creditCodeCheckCharacter(body)}`)).toBe(true);
    }
  });

  it('rejects a registering division that is not six digits', () => {
    const body = '9141020AMA0000001';
    expect(isValidCreditCode(`${body}${creditCodeCheckCharacter(body)}`)).toBe(false);
  });

  it('accepts a registering division that no longer exists (Kaifeng Jinming district, merged in 2014)', () => {
    const body = '91410211MA0000001';
    expect(isValidCreditCode(`${body}${creditCodeCheckCharacter(body)}`)).toBe(true);
  });

  it('does not normalise by itself, so only the stored form passes', () => {
    expect(isValidCreditCode('91110000802100433b')).toBe(false);
    expect(isValidCreditCode(' 914403001922038216')).toBe(false);
  });
});

describe('normalizeCreditCode', () => {
  it('upper-cases a code typed in lower case, which then validates', () => {
    const normalized = normalizeCreditCode('91110000802100433b');
    expect(normalized).toBe('91110000802100433B');
    expect(isValidCreditCode(normalized)).toBe(true);
  });

  it('trims surrounding whitespace, including the ideographic space', () => {
    expect(normalizeCreditCode('\u3000 91440300708461136T \t')).toBe('91440300708461136T');
  });

  it('folds full-width digits and letters typed with a Chinese IME', () => {
    expect(normalizeCreditCode('９１４４０３００７０８４６１１３６ｔ')).toBe('91440300708461136T');
  });
});
