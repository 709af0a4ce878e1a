// @ts-check
// The checkpoint's recent scans: the server's list, and each verdict as soon as it is shown. An
// answer that arrives after a newer list was asked for, or after a newer verdict was added, is
// dropped, so a slow answer never hides the scan just made.
import { NetworkError, errorText, toast } from '/shared/common.js';
import { latestOnly } from '/shared/store.js';
import { persist } from './state.js';

/** @typedef {import('./types.js').ScannerStore} ScannerStore */
/** @typedef {import('./types.js').RecentScan} RecentScan */
/** @typedef {import('./types.js').ScanRequest} ScanRequest */
/** @typedef {import('./types.js').Verdict} Verdict */

const SHOWN = 20;

/**
 * @param {{ store: ScannerStore, api: import('./api.js').VerifyApi,
 *   session: import('/shared/common.js').Session, t: import('./types.js').Translate }} deps
 */
export function createRecent({ store, api, session, t }) {
  const answers = latestOnly();
  return {
    async refresh() {
      if (!session.token() || !session.get()?.claims?.cp) return;
      const isLatest = answers.begin();
      try {
        const items = await api.recent();
        if (isLatest()) persist(store, 'recent', items);
      } catch (error) {
        if (isLatest() && !(error instanceof NetworkError)) toast(errorText(error, t), 'error');
      }
    },
    /** @param {Verdict} result @param {ScanRequest} request */
    add(result, request) {
      answers.begin();
      /** @type {RecentScan} */
      const item = {
        scanId: result.scanId ?? request.clientScanId,
        verdict: result.verdict,
        reason: result.reason,
        plate: result.pass?.plate ?? null,
        passNumber: result.pass?.passNumber ?? null,
        direction: request.direction,
        checkedAt: result.checkedAt,
      };
      const others = store.get().recent.filter((r) => r.scanId !== item.scanId);
      persist(store, 'recent', [item, ...others].slice(0, SHOWN));
    },
  };
}
