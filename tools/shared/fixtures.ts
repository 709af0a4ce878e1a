import { creditCodeCheckCharacter } from '@app/domain';

/** Plate characters that standard plates use after the city letter (no I or O). */
const PLATE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A distinct, valid standard plate for each index (豫B + 5 characters): 45 million of them. */
export function plateFor(index: number, prefix = '豫B'): string {
  let rest = '';
  let n = index;
  for (let i = 0; i < 5; i++) {
    rest = PLATE_ALPHABET[n % PLATE_ALPHABET.length] + rest;
    n = Math.floor(n / PLATE_ALPHABET.length);
  }
  return prefix + rest;
}

/** A valid unified social credit code (GB 32100-2015) for each index, registered in `division`. */
export function creditCodeFor(index: number, division = '410200'): string {
  const first17 = `91${division}MA${String(index).padStart(7, '0')}`;
  const check = creditCodeCheckCharacter(first17);
  if (!check) throw new Error(`cannot build a credit code from ${first17}`);
  return first17 + check;
}

/** A deterministic pseudo-random generator (mulberry32), so a seed replays the same month. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
