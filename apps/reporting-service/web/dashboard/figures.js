// @ts-check
// The dashboard's arithmetic, without DOM: tonnages arrive as strings with three decimals and are
// added as integer kilograms (BigInt), never as floats; counts are integers. Days are ISO dates.

/** @typedef {import('./api.js').DailyRow} DailyRow */

/** @param {string} tons */
export const kgOf = (tons) => {
  const [whole, fraction = ''] = String(tons).split('.');
  return BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0').slice(0, 3));
};

/** @param {bigint} kg */
export const tonsOf = (kg) => `${kg / 1000n}.${(kg % 1000n).toString().padStart(3, '0')}`;

/**
 * Only for drawing a bar's length; every label shows the exact string.
 * @param {string} tons
 */
export const plotNumber = (tons) => Number(tons);

/**
 * A count with the separators of the page's language.
 * @param {number} n
 * @param {import('/shared/common.js').Lang} lang
 */
export const countText = (n, lang) => Number(n).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');

/**
 * Thousands separators on an exact decimal string, without turning it into a number.
 * @param {string} tons
 */
export const tonsText = (tons) => {
  const [whole, fraction] = String(tons).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
};

/**
 * `part` of `whole` as a percentage with one decimal; '—' when the whole is zero.
 * @param {number} part
 * @param {number} whole
 */
export const shareText = (part, whole) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '—');

/** @param {Date} date */
export function isoDay(date) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Every day from `from` to `to`, both included (at most 400).
 * @param {string} from
 * @param {string} to
 */
export function daysBetween(from, to) {
  /** @type {string[]} */
  const days = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= end && days.length < 400; at += 86_400_000)
    days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/**
 * @typedef {{ key: string | null, name: string | null, passesIssued: number, scansAccepted: number,
 *   scansRejected: number, tonnageDeclaredKg: bigint, tonnageThroughKg: bigint }} GroupTotal
 */
/**
 * Sums daily rows per group: counts as numbers, tonnages as exact kg.
 * @param {DailyRow[]} rows
 * @param {(row: DailyRow) => string | null} keyOf
 * @returns {GroupTotal[]}
 */
export function totalsBy(rows, keyOf) {
  /** @type {Map<string | null, GroupTotal>} */
  const totals = new Map();
  for (const row of rows) {
    const key = keyOf(row);
    const total = totals.get(key) ?? {
      key,
      name: row.groupName ?? null,
      passesIssued: 0,
      scansAccepted: 0,
      scansRejected: 0,
      tonnageDeclaredKg: 0n,
      tonnageThroughKg: 0n,
    };
    total.passesIssued += row.passesIssued;
    total.scansAccepted += row.scansAccepted;
    total.scansRejected += row.scansRejected;
    total.tonnageDeclaredKg += kgOf(row.tonnageDeclared);
    total.tonnageThroughKg += kgOf(row.tonnageThroughCheckpoints);
    totals.set(key, total);
  }
  return [...totals.values()];
}

/**
 * The checkpoints of a daily report by checkpoint, busiest (most scans) first.
 * @param {import('./api.js').DailyReport | null} report
 */
export function checkpointTotals(report) {
  return totalsBy(report?.rows ?? [], (r) => r.group)
    .filter((r) => r.key)
    .sort((a, b) => b.scansAccepted + b.scansRejected - (a.scansAccepted + a.scansRejected));
}
