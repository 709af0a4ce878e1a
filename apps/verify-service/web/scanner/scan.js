// @ts-check
// One scan, from the QR text to a verdict: online when verify-service answers, else checked on
// this device and queued for upload. Nothing is verified while nobody is signed in, because
// nobody would answer for the scan.
import { ApiError, NetworkError, errorText, toast, uuid } from '/shared/common.js';
import { verifyOffline } from './offline-lists.js';
import { observedPlate, observedTrailer } from './observed-plates.js';
import { enqueue } from './queue.js';

/** @typedef {import('./types.js').ScannerStore} ScannerStore */
/** @typedef {import('./types.js').ScanRequest} ScanRequest */
/** @typedef {import('./types.js').Verdict} Verdict */

/**
 * @param {{ store: ScannerStore, api: import('./api.js').VerifyApi,
 *   session: import('/shared/common.js').Session, t: import('./types.js').Translate,
 *   onVerdict: (result: Verdict, request: ScanRequest) => void, onDone: () => void }} deps
 *   `onDone` after every scan that was tried, whatever its outcome
 */
export function createScan({ store, api, session, t, onVerdict, onDone }) {
  let scanning = false;

  /** The server's clock as best known: the device clock corrected by the last measured skew. */
  const serverNow = () => Date.now() + store.get().skew;

  /** @param {string} id @param {string} message */
  const refuse = (id, message) => {
    document.getElementById(id)?.focus();
    toast(message, 'error');
  };

  /** @param {string} rawText */
  async function scan(rawText) {
    const qr = rawText.trim();
    if (!qr) return;
    const claims = session.get()?.claims;
    if (!claims) return toast(t('signedOut.scan'), 'error');
    if (!claims.cp) return toast(t('warn.noCheckpoint'), 'error');
    const { plate, trailer, direction } = store.get();
    const observed = observedPlate(plate);
    if (!observed.ok) return refuse('observed-plate', t('plate.invalid'));
    const observedTrailerPlate = observedTrailer(trailer);
    if (!observedTrailerPlate.ok) return refuse('observed-trailer', t('trailer.invalid'));
    if (scanning) return;
    scanning = true;
    /** @type {ScanRequest} */
    const request = {
      qr,
      checkpointCode: claims.cp,
      direction,
      ...(observed.plate ? { observedPlate: observed.plate } : {}),
      ...(observedTrailerPlate.plate ? { trailerPlate: observedTrailerPlate.plate } : {}),
      // Sent online too: if the answer is lost, the queued resend is recognised as the same scan.
      clientScanId: uuid(),
      scannedAt: new Date(serverNow()).toISOString(),
    };
    try {
      onVerdict(await verdictFor(request, claims.sub ?? null, claims.usr ?? ''), request);
    } catch (error) {
      toast(`${t('err.scan')}: ${errorText(error, t)}`, 'error');
    } finally {
      scanning = false;
      onDone();
    }
  }

  /**
   * @param {ScanRequest} request
   * @param {string | null} officerId
   * @param {string} username
   * @returns {Promise<Verdict>}
   */
  async function verdictFor(request, officerId, username) {
    try {
      const result = await api.verify(request);
      store.update({ online: true });
      return result;
    } catch (error) {
      // A 401 is not "server down": the api has renewed the token if it could, so the session is
      // over and the page is on its login (signedOut). A refresh that could not reach
      // pass-service is a NetworkError: checkpoints keep working while pass-service is down.
      const serverDown = error instanceof ApiError && error.status >= 500;
      if (!(error instanceof NetworkError) && !serverDown) throw error;
      if (error instanceof NetworkError) store.update({ online: false });
      const result = await verifyOffline(request, serverNow());
      enqueue(store, {
        clientScanId: request.clientScanId,
        request,
        result,
        queuedAt: Date.now(),
        officer: officerId ? { id: officerId, username } : null,
      });
      return result;
    }
  }

  return { scan, busy: () => scanning };
}
