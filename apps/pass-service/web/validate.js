// @ts-check
// Field checks of the enterprise portal, the same rules the API applies (libs/domain), so a
// form is refused here before a round trip. Pure functions: test/pages runs them in Node.
import { normalizePlate, parsePlate } from '/shared/plate.js';

export { normalizePlate, parsePlate };

/** GB 32100-2015 drops I, O, Z, S and V so that no character can be misread as a digit. */
const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const CREDIT_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
/**
 * Organisation categories each registration authority may assign.
 * @type {Record<string, string | undefined>}
 */
const CREDIT_CATEGORIES = {
  1: '1239',
  2: '19',
  3: '123459',
  4: '19',
  5: '1239',
  6: '129',
  7: '129',
  8: '19',
  9: '123',
  A: '19',
  N: '1239',
  Y: '1',
};

/** @param {string} code */
export function normalizeCreditCode(code) {
  return code.normalize('NFKC').trim().toUpperCase();
}

/**
 * The check character for the first 17 characters, or undefined if one is outside the charset.
 * @param {string} first17
 */
export function creditCodeCheckCharacter(first17) {
  if (first17.length !== CREDIT_WEIGHTS.length) return undefined;
  let sum = 0;
  for (let i = 0; i < CREDIT_WEIGHTS.length; i++) {
    const value = CREDIT_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) return undefined;
    sum += value * CREDIT_WEIGHTS[i];
  }
  return CREDIT_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Why a (normalised) credit code is refused: 'length', 'charset', 'category', 'division' or
 * 'check' (with the expected check character), or null when it is valid.
 * @param {string} code
 * @returns {import('./validate.d.ts').CreditCodeProblem | null}
 */
export function creditCodeProblem(code) {
  if (code.length !== 18) return { problem: 'length' };
  if (!CREDIT_SHAPE.test(code)) return { problem: 'charset' };
  if (!(CREDIT_CATEGORIES[code.charAt(0)] ?? '').includes(code.charAt(1)))
    return { problem: 'category' };
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { problem: 'division' };
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (expected !== code.charAt(17)) return { problem: 'check', expected };
  return null;
}

/** @param {string} code */
export function isValidCreditCode(code) {
  return creditCodeProblem(code) === null;
}

/**
 * Tons > 0 with at most 3 decimals, as the API's parseTonsToKg; returns integer kg or undefined.
 * @param {string | number} input
 */
export function parseTonsToKg(input) {
  const match = /^(\d+)(?:\.(\d{1,3}))?$/.exec(String(input).normalize('NFKC').trim());
  if (!match) return undefined;
  const kg = BigInt(match[1]) * 1000n + BigInt((match[2] ?? '').padEnd(3, '0'));
  if (kg <= 0n || kg > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return Number(kg);
}

/**
 * Mainland mobile numbers, with the +86 and spacing people type. Returns 11 digits or undefined.
 * @param {string} input
 */
export function normalizeMobile(input) {
  const digits = input
    .normalize('NFKC')
    .replace(/[\s-]/g, '')
    .replace(/^(\+?86)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : undefined;
}

/**
 * The API's username rule: 3–64 of a–z 0–9 . _ @ -, starting with a letter or digit.
 * @param {string} input
 */
export function isValidUsername(input) {
  return /^[a-z0-9][a-z0-9._@-]{2,63}$/.test(input.trim().toLowerCase());
}

/**
 * The number on a vehicle licence (行驶证) as the API stores it: full-width folded, no spaces,
 * upper case, 4–32 letters, digits or hyphens. Returns it, or undefined.
 * @param {string} input
 */
export function normalizeLicenceNumber(input) {
  const value = input.normalize('NFKC').replace(/\s/g, '').toUpperCase();
  return /^[0-9A-Z-]{4,32}$/.test(value) ? value : undefined;
}
