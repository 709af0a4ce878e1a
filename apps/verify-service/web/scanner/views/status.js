// @ts-check
// The strip at the top (online, last sync, lists, queue) and the warnings under it: a scanner
// that is silently stale, with old keys or revocations, is dangerous.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { SKEW_WARN_MS } from '../../offline-verify.js';
import { isOwnScan, listsStale } from '../state.js';
import { lastSyncText, skewMinutes } from './text.js';

/** @typedef {import('../types.js').ScannerState} ScannerState */
/** @typedef {import('../types.js').Ui} Ui */

/** Without WebCrypto (a page not on HTTPS), signatures cannot be checked offline. */
const canCheckOffline = Boolean(globalThis.crypto?.subtle);

/** @param {ScannerState} state @param {Ui} ui */
export function statusView(state, ui) {
  const { t } = ui;
  const waiting = state.queue.filter((e) => !e.failed);
  const own = waiting.filter((e) => isOwnScan(e, state.user?.id)).length;
  const held = waiting.filter((e) => !isOwnScan(e, state.user?.id));
  const heldFor = [...new Set(held.map((e) => e.officer?.username))].join(', ');
  return html`<span
      ><span class="dot dot-${state.online ? 'online' : 'offline'}"></span>${t(
        state.online ? 'status.online' : 'status.offline',
      )}</span
    >
    <span
      >${
        state.lastSync
          ? t('status.lastSync', { t: lastSyncText(state.lastSync, ui) })
          : t('status.never')
      }</span
    >
    <span>${t('status.keys', { n: state.keyCount, v: state.revocationVersion })}</span>
    ${own ? html`<span class="badge badge-queued">${t('status.queue', { n: own })}</span>` : nothing}
    ${
      held.length
        ? html`<span class="badge badge-queued"
            >${t('status.held', { n: held.length, who: heldFor })}</span
          >`
        : nothing
    }`;
}

/** @param {ScannerState} state @param {Ui} ui */
export function warningsView(state, ui) {
  const { t, act } = ui;
  /** @type {['bad' | 'warn', string][]} */
  const warnings = [];
  if (!state.user?.checkpoint) warnings.push(['bad', t('warn.noCheckpoint')]);
  if (!canCheckOffline) warnings.push(['warn', t('warn.insecure')]);
  if (!state.lastSync) warnings.push(['bad', t('warn.neverSynced')]);
  else if (listsStale(state))
    warnings.push(['warn', t('warn.stale', { t: lastSyncText(state.lastSync, ui) })]);
  if (Math.abs(state.skew) > SKEW_WARN_MS)
    warnings.push(['bad', t('warn.skew', { m: skewMinutes(state.skew) })]);
  return html`${warnings.map(
    ([kind, text]) => html`<div class="banner banner-${kind}" role="alert">${text}</div>`,
  )}
  ${
    // Offline with an access token that can no longer be renewed (a sign-in from before refresh
    // tokens, or one older than the refresh token's life): offline checks go on, uploads wait.
    state.sessionExpired
      ? html`<div class="banner banner-warn" role="alert">
          ${t('warn.relogin', { n: state.queue.length })}
          <button type="button" class="btn" @click=${act.signInAgain}>
            ${t('warn.relogin.button')}
          </button>
        </div>`
      : nothing
  }`;
}
