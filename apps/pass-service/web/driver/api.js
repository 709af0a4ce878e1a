// @ts-check
// The driver's page reads its pass with the link's secret, without a sign-in:
// `GET /v1/shared-passes/<secret>`. sw.js answers with its kept copy when the network fails and
// marks it, so the page can say how old it is.

/** Set by sw.js on an answer it kept from earlier, because the network failed. */
const FROM_CACHE_HEADER = 'x-epass-offline-copy';

/**
 * The pass as the link shows it (no driver's name or phone).
 * @typedef {{ passNumber: string | null, status: string, plate: string,
 *   trailerPlate: string | null, enterpriseName: string, cargoCategory: string,
 *   cargoDescription: string | null, tonnage: string, originName: string,
 *   originDivision: string, destinationName: string, destinationDivision: string,
 *   crossProvince: boolean, validFrom: string, validUntil: string, revokedAt: string | null,
 *   qr: { token: string, svg: string } | null, checkedAt: string }} SharedPass
 */

/**
 * The pass of a link: `gone` when the server no longer knows the link (withdrawn, replaced or
 * expired). Throws when neither the network nor sw.js has an answer.
 * @param {string} secret
 * @returns {Promise<{ kind: 'gone' } | { kind: 'pass', pass: SharedPass, offline: boolean }>}
 */
export async function readSharedPass(secret) {
  const response = await fetch(`/v1/shared-passes/${secret}`, {
    headers: { accept: 'application/json' },
    cache: 'no-store',
  });
  if (response.status === 404) return { kind: 'gone' };
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  /** @type {unknown} */
  const answer = await response.json();
  return {
    kind: 'pass',
    pass: /** @type {SharedPass} */ (answer),
    offline: response.headers.has(FROM_CACHE_HEADER),
  };
}
