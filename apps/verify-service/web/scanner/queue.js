// @ts-check
// Scans verified offline wait here until the server takes them: each is sent until a 200, and
// counted once thanks to its clientScanId. The queue is read from localStorage each time, not
// from the state, because another tab of the scanner may have changed it.
import { ApiError, NetworkError } from '/shared/common.js';
import { isOwnScan, persist } from './state.js';
import { load } from './storage.js';

/** @typedef {import('./types.js').QueueEntry} QueueEntry */
/** @typedef {import('./types.js').ScannerStore} ScannerStore */
/** @typedef {import('./api.js').VerifyApi} VerifyApi */

const queued = () => load('queue', []);

/** @param {ScannerStore} store @param {QueueEntry} entry */
export function enqueue(store, entry) {
  persist(store, 'queue', [...queued(), entry]);
}

/** @param {ScannerStore} store @param {string} clientScanId */
export function discard(store, clientScanId) {
  persist(
    store,
    'queue',
    queued().filter((e) => e.clientScanId !== clientScanId),
  );
}

/**
 * Whether the server will never take the scan as it is: then it stays visible, not retried.
 * A 401 (the session), 408 and 429 may pass later.
 * @param {unknown} error
 * @returns {error is ApiError}
 */
const refusedForGood = (error) =>
  error instanceof ApiError &&
  error.status >= 400 &&
  error.status < 500 &&
  ![401, 408, 429].includes(error.status);

let flushing = false;

/**
 * Sends the signed-in officer's waiting scans in order, until one cannot be sent now.
 * @param {ScannerStore} store
 * @param {VerifyApi} api
 * @param {string | null} officerId
 */
export async function flushQueue(store, api, officerId) {
  if (flushing) return;
  flushing = true;
  const run = async () => {
    for (const entry of queued()) {
      if (entry.failed || !isOwnScan(entry, officerId)) continue;
      try {
        await api.upload(entry.request);
        discard(store, entry.clientScanId);
      } catch (error) {
        if (refusedForGood(error)) {
          const failed = { code: error.code, message: error.message };
          persist(
            store,
            'queue',
            queued().map((e) => (e.clientScanId === entry.clientScanId ? { ...e, failed } : e)),
          );
          continue;
        }
        if (error instanceof NetworkError) store.update({ online: false });
        break;
      }
    }
  };
  try {
    // Two tabs of the scanner must not send the same entry at once (the server dedupes anyway).
    if (navigator.locks) await navigator.locks.request('epass-scanner-queue', run);
    else await run();
  } finally {
    flushing = false;
  }
}
