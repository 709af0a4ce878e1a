// @ts-check
// Mainland plates in the browser: the same rules as libs/domain's normalizePlate/parsePlate, used
// by the portal's form and by the scanner's offline verdicts (test/pages checks both against it).

const PROVINCE = '[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]';
const LETTER = '[A-HJ-NP-Z]';
const ALNUM = '[A-HJ-NP-Z0-9]';
/** @type {[PlateKind, RegExp][]} */
const PLATE_PATTERNS = [
  ['standard', new RegExp(`^${PROVINCE}${LETTER}${ALNUM}{5}$`, 'u')],
  ['new_energy', new RegExp(`^${PROVINCE}${LETTER}[A-HJK]${ALNUM}\\d{4}$`, 'u')],
  ['new_energy', new RegExp(`^${PROVINCE}${LETTER}\\d{5}[DF]$`, 'u')],
  ['trailer', new RegExp(`^${PROVINCE}${LETTER}${ALNUM}{4}挂$`, 'u')],
];

/** @typedef {'standard' | 'new_energy' | 'trailer'} PlateKind */
/** @typedef {{ ok: true, plate: string, kind: PlateKind } | { ok: false }} PlateParse */

/**
 * Full-width folded (NFKC), upper case, no spaces, dots or hyphens: the form the API stores.
 * @param {string} input
 */
export function normalizePlate(input) {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s·•.・‧\-‐‑‒–—―−]/gu, '');
}

/** @param {string} plate */
function plateKind(plate) {
  return PLATE_PATTERNS.find(([, pattern]) => pattern.test(plate))?.[0];
}

/**
 * `{ ok: true, plate, kind }` or `{ ok: false }`. "Tractor/trailer" combinations count as the
 * tractor's plate, as the API stores them.
 * @param {string} input
 * @returns {PlateParse}
 */
export function parsePlate(input) {
  const parts = normalizePlate(input).split(/[/+]/);
  if (parts.length === 1) {
    const kind = plateKind(parts[0]);
    return kind ? { ok: true, plate: parts[0], kind } : { ok: false };
  }
  if (parts.length === 2) {
    const kind = plateKind(parts[0]);
    if (kind && kind !== 'trailer' && plateKind(parts[1]) === 'trailer')
      return { ok: true, plate: parts[0], kind };
  }
  return { ok: false };
}
