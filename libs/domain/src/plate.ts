import { DomainErrorCode } from './errors';

/**
 * Mainland Chinese vehicle plates (GA 36): the ones a freight vehicle can carry.
 * Police (警), army, armed police, embassy (使), consulate (领), learner (学),
 * Hong Kong/Macau cross-border (港/澳) and other special plates are refused.
 */

export type PlateKind = 'standard' | 'new_energy' | 'trailer';

export type PlateParseResult =
  | { readonly ok: true; readonly plate: string; readonly kind: PlateKind }
  | { readonly ok: false; readonly code: typeof DomainErrorCode.PLATE_INVALID };

const PROVINCE = '[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]';
/** I and O are never issued, on plates of any kind, because they read as 1 and 0. */
const LETTER = '[A-HJ-NP-Z]';
const ALNUM = '[A-HJ-NP-Z0-9]';
/**
 * Small new-energy plates start their serial with D (battery electric) or F (other),
 * widened since 2021 to A–E and F–K once the D/F ranges ran out in large cities.
 */
const SMALL_NEW_ENERGY_TYPE = '[A-HJK]';

const PLATE_PATTERNS: ReadonlyArray<readonly [PlateKind, RegExp]> = [
  ['standard', new RegExp(`^${PROVINCE}${LETTER}${ALNUM}{5}$`, 'u')],
  ['new_energy', new RegExp(`^${PROVINCE}${LETTER}${SMALL_NEW_ENERGY_TYPE}${ALNUM}\\d{4}$`, 'u')],
  ['new_energy', new RegExp(`^${PROVINCE}${LETTER}\\d{5}[DF]$`, 'u')],
  ['trailer', new RegExp(`^${PROVINCE}${LETTER}${ALNUM}{4}挂$`, 'u')],
];

/** An articulated truck is often written "tractor/trailer" or "tractor+trailer". */
const COMBINATION_SEPARATOR = /[/+]/;

const INVALID: PlateParseResult = { ok: false, code: DomainErrorCode.PLATE_INVALID };

/**
 * The form plates are stored and compared in: full-width characters folded (NFKC),
 * upper case, and no spaces, separator dots (`·` `•` `.` `・`) or hyphens, which
 * people and OCR add freely.
 */
export function normalizePlate(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s·•.・‧\-‐‑‒–—―−]/gu, '');
}

function classify(plate: string): PlateKind | undefined {
  return PLATE_PATTERNS.find(([, pattern]) => pattern.test(plate))?.[0];
}

function parseSingle(plate: string): PlateParseResult {
  const kind = classify(plate);
  return kind ? { ok: true, plate, kind } : INVALID;
}

/** The tractor's plate is the one that counts; the trailer part must still be a trailer plate. */
function parseCombination(tractor: string, trailer: string): PlateParseResult {
  const head = parseSingle(tractor);
  if (!head.ok || head.kind === 'trailer') return INVALID;
  return classify(trailer) === 'trailer' ? head : INVALID;
}

export function parsePlate(input: string): PlateParseResult {
  const parts = normalizePlate(input).split(COMBINATION_SEPARATOR);
  if (parts.length === 1) return parseSingle(parts[0]);
  if (parts.length === 2) return parseCombination(parts[0], parts[1]);
  return INVALID;
}
