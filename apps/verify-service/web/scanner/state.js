// @ts-check
// The scanner's state: one store (web/shared/store.js) that the views draw from. What must
// survive a reload is saved to localStorage as it changes (`persist`); the rest lives only here.
import { createStore } from '/shared/store.js';
import { STALE_AFTER_MS } from '../offline-verify.js';
import { load, save } from './storage.js';

/** @typedef {import('./types.js').ScannerState} ScannerState */
/** @typedef {import('./types.js').ScannerStore} ScannerStore */
/** @typedef {import('./types.js').QueueEntry} QueueEntry */
/** @typedef {import('./types.js').Stored} Stored */

/** @param {{ keyCount: number, revocationVersion: number }} lists */
export function createScannerStore({ keyCount, revocationVersion }) {
  return createStore(
    /** @type {ScannerState} */ ({
      view: 'login',
      user: null,
      online: navigator.onLine,
      now: Date.now(),
      sessionExpired: false,
      keyCount,
      revocationVersion,
      lastSync: load('lastSync', null),
      skew: load('skew', 0),
      direction: load('direction', 'entry'),
      queue: load('queue', []),
      recent: load('recent', []),
      camera: { on: false, message: { key: 'camera.off' } },
      qr: '',
      plate: '',
      trailer: '',
      verdict: null,
      announcement: '',
    }),
  );
}

/**
 * Another tab of the scanner queues, sends and records scans in the same localStorage; the
 * `storage` event tells this tab, whose queue and recent scans on screen then follow.
 * @param {ScannerStore} store
 */
export function followOtherTabs(store) {
  window.addEventListener('storage', (event) => {
    if (event.storageArea !== localStorage) return;
    store.update({ queue: load('queue', []), recent: load('recent', []) });
  });
}

/**
 * Saves `value` under `name` and puts it in the state.
 * @template {'lastSync' | 'skew' | 'direction' | 'queue' | 'recent'} K
 * @param {ScannerStore} store
 * @param {K} name
 * @param {Stored[K]} value
 */
export function persist(store, name, value) {
  save(name, value);
  store.update(/** @type {Partial<ScannerState>} */ ({ [name]: value }));
}

/**
 * The officer signed in, from the session's claims.
 * @param {import('/shared/common.js').AccessClaims | undefined} claims
 */
export function userOf(claims) {
  return claims
    ? { id: claims.sub ?? null, username: claims.usr ?? '', checkpoint: claims.cp ?? null }
    : null;
}

/**
 * Whether `entry` may be sent by the officer signed in: the server records a scan under the
 * officer whose token sends it, so each entry waits for its own officer (entries queued before
 * officers were named wait for anyone).
 * @param {QueueEntry} entry
 * @param {string | null | undefined} officerId
 */
export const isOwnScan = (entry, officerId) => !entry.officer || entry.officer.id === officerId;

/** @param {Pick<ScannerState, 'lastSync' | 'now'>} state */
export const listsStale = ({ lastSync, now }) => !lastSync || now - lastSync > STALE_AFTER_MS;
