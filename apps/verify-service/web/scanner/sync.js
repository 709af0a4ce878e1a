// @ts-check
// A sync round: the trusted keys and the revocations since the stored version, then the queue
// and the recent scans. Run at sign-in, every minute, when the network returns and on "Sync now".
import { NetworkError, errorText, toast } from '/shared/common.js';
import { storeKeys, storeRevocations, revocationVersion } from './offline-lists.js';
import { flushQueue } from './queue.js';
import { persist } from './state.js';

/** @typedef {import('./types.js').ScannerStore} ScannerStore */

/**
 * @param {{ store: ScannerStore, api: import('./api.js').VerifyApi,
 *   session: import('/shared/common.js').Session, t: import('./types.js').Translate,
 *   recent: ReturnType<typeof import('./recent.js').createRecent>,
 *   onDone: () => void }} deps `onDone` after every round, whatever its outcome
 */
export function createSync({ store, api, session, t, recent, onDone }) {
  let syncing = false;
  /** "Sync now" pressed while a background round runs: another round follows, with its answer. */
  let manualWaiting = false;

  /** @param {{ manual?: boolean }} [options] */
  async function sync({ manual = false } = {}) {
    if (!session.get()) return;
    if (syncing) {
      if (manual) manualWaiting = true;
      return;
    }
    syncing = true;
    try {
      store.update({ keyCount: await storeKeys(await api.trustedKeys()) });
      const version = storeRevocations(await api.revocationsSince(revocationVersion()));
      store.update({ revocationVersion: version, online: true });
      persist(store, 'lastSync', Date.now());
      if (manual) toast(t('sync.done'), 'ok');
      // The session may have ended meanwhile: then the queue waits for the next sign-in.
      const signedIn = session.get();
      if (signedIn) await flushQueue(store, api, signedIn.claims.sub ?? null);
      await recent.refresh();
    } catch (error) {
      if (error instanceof NetworkError) store.update({ online: false });
      // A session that just ended is explained by the login (signedOut), not by a toast.
      if (session.get() && (manual || !(error instanceof NetworkError)))
        toast(errorText(error, t), 'error');
    } finally {
      syncing = false;
      if (manualWaiting) {
        manualWaiting = false;
        void sync({ manual: true });
      }
      onDone();
    }
  }
  return sync;
}
