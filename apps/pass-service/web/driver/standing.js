// @ts-check
// Where a pass stands at this moment for the driver holding it, and the word for it. The words
// are libs/domain's (web/shared/labels.js): the validity of an issued pass, else its status.
import { labelOf } from '/shared/common.js';
import { PASS_STATUS_LABELS, PASS_VALIDITY_LABELS } from '/shared/labels.js';

/** @typedef {'valid' | 'notYet' | 'expired' | 'revoked' | 'other'} Standing */

/**
 * @param {import('./api.js').SharedPass} pass
 * @returns {Standing}
 */
export function standingOf(pass, now = Date.now()) {
  if (pass.status === 'revoked') return 'revoked';
  if (pass.status !== 'issued') return 'other';
  if (now >= Date.parse(pass.validUntil)) return 'expired';
  if (now < Date.parse(pass.validFrom)) return 'notYet';
  return 'valid';
}

/**
 * @param {Standing} standing
 * @param {import('./api.js').SharedPass} pass
 * @param {import('/shared/common.js').Lang} lang
 */
export function standingWord(standing, pass, lang) {
  switch (standing) {
    case 'valid':
      return PASS_VALIDITY_LABELS.valid[lang];
    case 'notYet':
      return PASS_VALIDITY_LABELS.not_yet_valid[lang];
    case 'expired':
      return PASS_VALIDITY_LABELS.expired[lang];
    case 'revoked':
    case 'other':
      return labelOf(PASS_STATUS_LABELS, pass.status, lang);
  }
}
