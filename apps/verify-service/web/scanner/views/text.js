// @ts-check
// Texts several views show: API codes in words (web/shared/labels.js) and the last sync time.
import { formatTime, labelOf } from '/shared/common.js';
import { CARGO_CATEGORY_LABELS, SCAN_REJECTION_REASON_LABELS } from '/shared/labels.js';

/** @typedef {import('../types.js').Lang} Lang */
/** @typedef {import('../types.js').Ui} Ui */

/** @param {string} reason @param {Lang} lang */
export const reasonText = (reason, lang) => labelOf(SCAN_REJECTION_REASON_LABELS, reason, lang);

/** @param {string | null | undefined} code @param {Lang} lang */
export const cargoText = (code, lang) => (code ? labelOf(CARGO_CATEGORY_LABELS, code, lang) : '—');

/** @param {number | null} lastSync @param {Ui} ui */
export const lastSyncText = (lastSync, { t, lang }) =>
  lastSync ? formatTime(new Date(lastSync).toISOString(), lang, true) : t('status.never');

/** The device clock's distance from the server's, in whole minutes. @param {number} skewMs */
export const skewMinutes = (skewMs) => Math.round(skewMs / 60_000);
