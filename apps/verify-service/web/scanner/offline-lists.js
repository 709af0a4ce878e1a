// @ts-check
// The trusted keys and the revocation list, kept on the device so that a checkpoint verifies
// passes without a network, the way verify-service would (../offline-verify.js).
import {
  DEFAULT_LEEWAY_SECONDS,
  applyRevocationDelta,
  importTrustedKeys,
  verifyPassOffline,
} from '../offline-verify.js';
import { load, save } from './storage.js';

/** @typedef {import('./types.js').ScanRequest} ScanRequest */
/** @typedef {import('./types.js').Verdict} Verdict */
/** @typedef {import('./types.js').TrustedJwk} TrustedJwk */
/** @typedef {import('./types.js').RevocationDelta} RevocationDelta */

/** @type {Map<string, import('../offline-verify.js').VerifyKey>} */
let keysByKid = new Map();

/** Imports the stored keys for WebCrypto (none without it: not on HTTPS); returns how many. */
export async function loadKeys() {
  const stored = load('keys', null);
  if (stored && globalThis.crypto?.subtle) keysByKid = await importTrustedKeys(stored.keys);
  else keysByKid.clear();
  return keysByKid.size;
}

/** @param {{ keys: TrustedJwk[], syncedAt?: string }} trusted */
export function storeKeys(trusted) {
  save('keys', { keys: trusted.keys, serverSyncedAt: trusted.syncedAt });
  return loadKeys();
}

export const revocationVersion = () => load('revocations', { version: 0 }).version;

/** @param {RevocationDelta} delta @returns {number} the list's version now */
export function storeRevocations(delta) {
  const list = applyRevocationDelta(load('revocations', { version: 0, entries: {} }), delta);
  save('revocations', list);
  return list.version;
}

/**
 * This device's verdict on a scan, at `nowMs` (the server's time as best known).
 * @param {ScanRequest} request
 * @param {number} nowMs
 * @returns {Promise<Verdict>}
 */
export async function verifyOffline(request, nowMs) {
  if (!globalThis.crypto?.subtle) {
    return {
      verdict: 'rejected',
      reason: 'OFFLINE_UNAVAILABLE',
      pass: null,
      checkedAt: new Date(nowMs).toISOString(),
      offline: true,
    };
  }
  const revoked = load('revocations', { entries: {} }).entries;
  return verifyPassOffline(request.qr, {
    keyFor: (kid) => keysByKid.get(kid),
    isRevoked: (passNumber) => Object.hasOwn(revoked, passNumber),
    nowMs,
    leewaySeconds: DEFAULT_LEEWAY_SECONDS,
    observedPlate: request.observedPlate,
    trailerPlate: request.trailerPlate,
  });
}
