/**
 * Tonnage is declared in tons with up to three decimals and kept as integer kilograms.
 * Binary floats cannot hold 12.345 exactly, and report totals must equal the events
 * to the kilogram, so every conversion here goes through decimal strings and BigInt.
 */

const KG_PER_TON = 1000n;
const DECIMAL_TONS = /^(\d+)(?:\.(\d{1,3}))?$/;
const INTEGER = /^-?\d+$/;

/**
 * "12.5", "12.500", 12.5 and "0.001" are accepted; zero, negatives, more than three
 * decimals, exponents and anything that is not a plain decimal are refused (undefined).
 */
export function parseTonsToKg(input: string | number): number | undefined {
  const text = typeof input === 'number' ? numberToDecimalText(input) : input.trim();
  if (text === undefined) return undefined;
  const match = DECIMAL_TONS.exec(text);
  if (!match) return undefined;
  const [, whole, fraction = ''] = match;
  const kg = BigInt(whole) * KG_PER_TON + BigInt(fraction.padEnd(3, '0'));
  if (kg <= 0n || kg > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return Number(kg);
}

/**
 * String(n) is the shortest decimal that round-trips, so 12.5 becomes "12.5", not
 * 12.4999…; a value that needs an exponent ("1e+21", "1e-7") is then refused by the pattern.
 */
function numberToDecimalText(value: number): string | undefined {
  return Number.isFinite(value) ? String(value) : undefined;
}

/** Kilograms as tons with exactly three decimals: 12500 → "12.500". Sums may exceed 2^53, hence bigint and strings. */
export function formatKgAsTons(kg: number | bigint | string): string {
  const total = toBigInt(kg);
  const sign = total < 0n ? '-' : '';
  const magnitude = total < 0n ? -total : total;
  const tons = magnitude / KG_PER_TON;
  const rest = (magnitude % KG_PER_TON).toString().padStart(3, '0');
  return `${sign}${tons.toString()}.${rest}`;
}

function toBigInt(kg: number | bigint | string): bigint {
  if (typeof kg === 'bigint') return kg;
  if (typeof kg === 'number') {
    if (!Number.isSafeInteger(kg))
      throw new RangeError(`${kg} is not a safe integer number of kilograms`);
    return BigInt(kg);
  }
  if (!INTEGER.test(kg)) throw new RangeError(`"${kg}" is not an integer number of kilograms`);
  return BigInt(kg);
}
