// @ts-check
// The scanner's calls to verify-service, and what their answers must look like before the page
// trusts them. Answers that carry the server's clock report it (`onClock`), so offline checks and
// queued scans use the server's time rather than a phone's wrong one.
import { clockSkewMs } from '../offline-verify.js';

/** @typedef {import('./types.js').ScanRequest} ScanRequest */
/** @typedef {import('./types.js').Verdict} Verdict */
/** @typedef {import('./types.js').RecentScan} RecentScan */
/** @typedef {import('./types.js').TrustedJwk} TrustedJwk */
/** @typedef {import('./types.js').RevocationDelta} RevocationDelta */

/** A checkpoint waits this long for a verdict before it checks the pass itself. */
export const VERIFY_TIMEOUT_MS = 5000;
const LISTS_TIMEOUT_MS = 10_000;
const RECENT_TIMEOUT_MS = 8000;

/**
 * @param {import('/shared/common.js').JsonApi} api the session's client (createApi)
 * @param {(skewMs: number) => void} onClock
 */
export function createVerifyApi(api, onClock) {
  /** @param {Response} response */
  const noteClock = (response) => {
    const skew = clockSkewMs(response.headers.get('date'), Date.now());
    if (skew !== null) onClock(skew);
  };
  return {
    async trustedKeys() {
      const response = /** @type {Response} */ (
        await api.get('/v1/trusted-keys', { as: 'response', timeoutMs: LISTS_TIMEOUT_MS })
      );
      noteClock(response);
      /** @type {unknown} */
      const body = await response.json();
      return /** @type {{ keys: TrustedJwk[], syncedAt?: string }} */ (body);
    },
    /** @param {number} version */
    async revocationsSince(version) {
      return /** @type {RevocationDelta} */ (
        await api.get(`/v1/revocations?since=${version}`, { timeoutMs: LISTS_TIMEOUT_MS })
      );
    },
    /** @param {ScanRequest} request */
    async verify(request) {
      const response = /** @type {Response} */ (
        await api.post('/v1/verifications', request, {
          as: 'response',
          timeoutMs: VERIFY_TIMEOUT_MS,
        })
      );
      noteClock(response);
      return verdictOf(await response.json());
    },
    /** A queued scan, sent again: the server knows it by its clientScanId. @param {ScanRequest} request */
    async upload(request) {
      await api.post('/v1/verifications', request, { timeoutMs: VERIFY_TIMEOUT_MS });
    },
    /** The checkpoint's latest scans, newest first. */
    async recent() {
      const page = /** @type {{ items: RecentScan[] }} */ (
        await api.get('/v1/verifications?limit=20', { timeoutMs: RECENT_TIMEOUT_MS })
      );
      return page.items;
    },
  };
}

/** @typedef {ReturnType<typeof createVerifyApi>} VerifyApi */

/**
 * verify-service's answer as a verdict, once it has the fields the screen decides on; an answer
 * without them (a proxy's page, a newer API) is an error, never a verdict.
 * @param {unknown} answer
 * @returns {Verdict}
 */
function verdictOf(answer) {
  const { verdict, reason, checkedAt } = /** @type {Record<string, unknown>} */ (
    typeof answer === 'object' && answer !== null ? answer : {}
  );
  if (
    (verdict !== 'accepted' && verdict !== 'rejected') ||
    (reason !== null && typeof reason !== 'string') ||
    typeof checkedAt !== 'string'
  )
    throw new Error('verify-service answered something that is not a verdict');
  return /** @type {Verdict} */ (answer);
}
