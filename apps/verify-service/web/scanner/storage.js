// @ts-check
// What the scanner keeps in localStorage: not sessionStorage, because the scanner must survive a
// reload while offline (lists, queue, recent scans, the officer's choice of direction).

/** @typedef {import('./types.js').Stored} Stored */

const KEY = {
  keys: 'epass.scanner.keys',
  // By pass number since short tokens (which carry no pass id); the old list was by pass id.
  revocations: 'epass.scanner.revocations.byPassNumber',
  queue: 'epass.scanner.queue',
  lastSync: 'epass.scanner.lastSync',
  skew: 'epass.scanner.clockSkewMs',
  direction: 'epass.scanner.direction',
  recent: 'epass.scanner.recent',
};

/**
 * What this page stored under `name`, or `fallback`.
 * @template {keyof Stored} K
 * @template F
 * @param {K} name
 * @param {F} fallback
 * @returns {Stored[K] | F}
 */
export function load(name, fallback) {
  try {
    /** @type {unknown} */
    const stored = JSON.parse(localStorage.getItem(KEY[name]) ?? 'null');
    return /** @type {Stored[K] | null} */ (stored) ?? fallback;
  } catch {
    return fallback;
  }
}

/**
 * @template {keyof Stored} K
 * @param {K} name
 * @param {Stored[K]} value
 */
export function save(name, value) {
  localStorage.setItem(KEY[name], JSON.stringify(value));
}

/**
 * A list kept by pass id cannot match a pass number: drop it, and the last-sync time with it, so
 * the page says it has no revocation list (never a silently empty one) until the next sync,
 * which fetches the whole list again.
 */
export function forgetRevocationsByPassId() {
  if (localStorage.getItem('epass.scanner.revocations') === null) return;
  localStorage.removeItem('epass.scanner.revocations');
  localStorage.removeItem(KEY.lastSync);
}
