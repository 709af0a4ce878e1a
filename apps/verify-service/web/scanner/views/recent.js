// @ts-check
// The recent scans: those waiting for upload first (queued, held for another officer, or refused
// by the server, which the officer may then discard), then the checkpoint's latest.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { formatTime } from '/shared/common.js';
import { isOwnScan } from '../state.js';
import { reasonText } from './text.js';

/** @typedef {import('../types.js').ScannerState} ScannerState */
/** @typedef {import('../types.js').QueueEntry} QueueEntry */
/** @typedef {import('../types.js').RecentScan} RecentScan */
/** @typedef {import('../types.js').Ui} Ui */

/** @param {ScannerState} state @param {Ui} ui */
export function recentView(state, ui) {
  const queued = new Set(state.queue.map((e) => e.clientScanId));
  const rows = [
    ...state.queue.map((entry) => queuedRow(entry, isOwnScan(entry, state.user?.id), ui)),
    ...state.recent.filter((item) => !queued.has(item.scanId)).map((item) => scanRow(item, ui)),
  ];
  return rows.length ? rows : html`<li class="empty">${ui.t('recent.empty')}</li>`;
}

/** @param {QueueEntry} entry @param {boolean} own @param {Ui} ui */
function queuedRow({ clientScanId, request, result, failed, officer }, own, { t, lang, act }) {
  const status = failed
    ? t('recent.failed')
    : own
      ? t('recent.queued')
      : t('recent.held', { who: officer?.username });
  const meta = [
    formatTime(request.scannedAt, lang, true),
    t(`direction.${request.direction}`),
    t(`verdict.${result?.verdict ?? 'rejected'}`),
    result?.reason ? reasonText(result.reason, lang) : '',
    failed ? `${failed.message} (${failed.code})` : '',
  ];
  return html`<li>
    <span class="plate">${result?.pass?.plate ?? '—'}</span>
    <span class="badge badge-${failed ? 'rejected' : 'queued'}">${status}</span>
    <span class="meta">${meta.filter(Boolean).join(' · ')}</span>
    ${
      failed
        ? html`<button type="button" class="btn small" @click=${() => act.discard(clientScanId)}>
            ${t('recent.discard')}
          </button>`
        : nothing
    }
  </li>`;
}

/** @param {RecentScan} item @param {Ui} ui */
function scanRow(item, { t, lang }) {
  const meta = [
    formatTime(item.checkedAt, lang, true),
    t(`direction.${item.direction}`),
    item.reason ? reasonText(item.reason, lang) : '',
    item.passNumber ?? '',
    item.cloneSuspected ? t('verdict.clone') : '',
  ];
  return html`<li>
    <span class="plate">${item.plate ?? item.passNumber ?? '—'}</span>
    <span class="badge badge-${item.verdict}">${t(`verdict.${item.verdict}`)}</span>
    <span class="meta">${meta.filter(Boolean).join(' · ')}</span>
  </li>`;
}
