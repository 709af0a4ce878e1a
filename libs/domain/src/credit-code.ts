import { isSixDigitDivisionCode } from './division';

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015:
 * registration authority (1) + organisation category (1) + registering division (6)
 * + subject identifier (9) + check character (1).
 */

/** GB 32100 drops I, O, Z, S and V so that no character can be misread as a digit. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const MODULUS = CHARSET.length;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/**
 * Organisation categories allowed under each registration authority, as assigned by the
 * national code administration (1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游,
 * 7 宗教, 8 工会, 9 工商/市场监管, A 中央军委改革和编制办公室, N 农业, Y 其他).
 * A code outside this table was not issued under the standard, whatever its checksum.
 */
const CATEGORIES_BY_AUTHORITY: Readonly<Record<string, string>> = {
  '1': '1239',
  '2': '19',
  '3': '123459',
  '4': '19',
  '5': '1239',
  '6': '129',
  '7': '129',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
};

/** Trims and upper-cases, and folds full-width characters (typed with a Chinese IME) to ASCII. */
export function normalizeCreditCode(code: string): string {
  return code.normalize('NFKC').trim().toUpperCase();
}

/** The check character for the first 17 characters, or undefined if one is outside the charset. */
export function creditCodeCheckCharacter(first17: string): string | undefined {
  if (first17.length !== WEIGHTS.length) return undefined;
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) {
    const value = CHARSET.indexOf(first17.charAt(i));
    if (value < 0) return undefined;
    sum += value * WEIGHTS[i];
  }
  return CHARSET.charAt((MODULUS - (sum % MODULUS)) % MODULUS);
}

function hasKnownAuthorityAndCategory(code: string): boolean {
  const categories = CATEGORIES_BY_AUTHORITY[code.charAt(0)];
  return categories !== undefined && categories.includes(code.charAt(1));
}

/**
 * Validates an already normalised code. The division part only has to look like a
 * GB/T 2260 code: codes issued before a division was merged or renamed stay valid for life.
 */
export function isValidCreditCode(code: string): boolean {
  return (
    SHAPE.test(code) &&
    hasKnownAuthorityAndCategory(code) &&
    isSixDigitDivisionCode(code.slice(2, 8)) &&
    creditCodeCheckCharacter(code.slice(0, 17)) === code.charAt(17)
  );
}
