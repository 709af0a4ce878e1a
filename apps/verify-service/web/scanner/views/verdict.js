// @ts-check
// The verdict, full screen: a word and a colour to be read from the cab, the reason in both
// languages, what to do about a wrong clock or an unknown key, and the pass's facts.
import { html } from '/vendor/lit-html/lit-html.js';
import { formatTime } from '/shared/common.js';
import { SKEW_WARN_MS, keysStaleFor } from '../../offline-verify.js';
import { cargoText, lastSyncText, reasonText, skewMinutes } from './text.js';

/** @typedef {import('../types.js').ScannerState} ScannerState */
/** @typedef {import('../types.js').ShownVerdict} ShownVerdict */
/** @typedef {import('../types.js').Ui} Ui */

const ICONS = { accepted: '✓', warn: '!', rejected: '✕' };

/** @param {ScannerState} state @param {Ui} ui */
export function verdictView(state, ui) {
  const shown = state.verdict;
  if (!shown) return html`<div id="verdict" class="verdict" role="alertdialog" hidden></div>`;
  const { t, act } = ui;
  // Whole lines of text, without white space around them: the tests read them as they are.
  const word = t(`verdict.${shown.tone}`);
  const reason = bothLanguages(shown, ui);
  const plate = shown.result.pass?.plate ?? '';
  return html`<div
    id="verdict"
    class="verdict verdict-${shown.tone}"
    role="alertdialog"
    aria-modal="true"
    aria-labelledby="verdict-word"
    aria-describedby="verdict-reason verdict-plate verdict-hint"
  >
    <div class="verdict-inner">
      <div id="verdict-icon" class="verdict-icon" aria-hidden="true">${ICONS[shown.tone]}</div>
      <div id="verdict-word" class="verdict-word">${word}</div>
      <div id="verdict-reason" class="verdict-reason">${reason}</div>
      <div id="verdict-hint" class="verdict-hint">
        ${hints(shown, state, ui).map((text) => html`<div>${text}</div>`)}
      </div>
      <div id="verdict-plate" class="verdict-plate">${plate}</div>
      <dl id="verdict-facts" class="verdict-facts">
        ${facts(shown, ui).map(
          ([key, value]) =>
            html`<dt>${t(key)}</dt>
              <dd>${value}</dd>`,
        )}
      </dl>
      <button type="button" id="verdict-close" class="verdict-close" @click=${act.closeVerdict}>
        ${t('verdict.next')}
      </button>
    </div>
  </div>`;
}

/**
 * What a screen reader says of a verdict, once, when it is given (role=status, assertive). Kept
 * as text in the state: a change of language must not announce the last verdict again.
 * @param {ShownVerdict} shown
 * @param {Ui} ui
 */
export function announcementOf(shown, ui) {
  return [
    ui.t(`verdict.${shown.tone}`),
    bothLanguages(shown, ui),
    shown.result.pass?.plate,
    shown.result.offline ? ui.t('verdict.offline') : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The reason in the page's language and the other, for an officer and a driver who differ. */
function bothLanguages(/** @type {ShownVerdict} */ { result }, /** @type {Ui} */ { lang }) {
  if (!result.reason) return '';
  return `${reasonText(result.reason, lang)} · ${reasonText(result.reason, lang === 'zh' ? 'en' : 'zh')}`;
}

/** @param {ShownVerdict} shown @param {ScannerState} state @param {Ui} ui */
function hints({ result, listsStale, shownAt }, state, ui) {
  const { t, lang } = ui;
  const { pass, reason } = result;
  const phoneNow = formatTime(new Date(shownAt).toISOString(), lang, true);
  const hints = [];
  if (reason === 'NOT_YET_VALID' && pass)
    hints.push(t('verdict.clock', { from: formatTime(pass.validFrom, lang), now: phoneNow }));
  if (reason === 'EXPIRED' && pass)
    hints.push(
      t('verdict.clockExpired', { until: formatTime(pass.validUntil, lang), now: phoneNow }),
    );
  if (reason === 'UNKNOWN_KEY')
    hints.push(
      t(keysStaleFor(result, listsStale) ? 'verdict.unknownKey' : 'verdict.unknownKeyFresh'),
    );
  if (reason === 'OFFLINE_UNAVAILABLE') hints.push(t('warn.insecure'));
  if (result.cloneSuspected) hints.push(t('verdict.clone'));
  if (result.offline) {
    hints.push(t('verdict.offline'));
    if (listsStale) hints.push(t('verdict.stale', { t: lastSyncText(state.lastSync, ui) }));
  }
  if (Math.abs(state.skew) > SKEW_WARN_MS)
    hints.push(t('warn.skew', { m: skewMinutes(state.skew) }));
  return hints;
}

/**
 * The pass's facts worth a look, those it has.
 * @param {ShownVerdict} shown
 * @param {Ui} ui
 * @returns {[string, string][]}
 */
function facts({ result, request }, { t, lang }) {
  const { pass } = result;
  const routeCheck = result.offline
    ? t('verdict.routeOffline')
    : result.routeMatch
      ? t(`route.${result.routeMatch}`)
      : null;
  /** @type {[string, string | null | undefined][]} */
  const all = pass
    ? [
        ['f.passNumber', pass.passNumber],
        ['f.cargo', cargoText(pass.cargoCategory, lang)],
        ['f.tonnage', `${pass.tonnage} t`],
        [
          'f.route',
          `${pass.originName ?? pass.originDivision} → ${pass.destinationName ?? pass.destinationDivision}`,
        ],
        ['f.routeMatch', routeCheck],
        ['f.valid', `${formatTime(pass.validFrom, lang)} – ${formatTime(pass.validUntil, lang)}`],
        ['f.observed', request.observedPlate],
        ['f.trailer', pass.trailerPlate],
        ['f.observedTrailer', request.trailerPlate],
        ['f.enterprise', pass.enterpriseCreditCode],
      ]
    : [['f.routeMatch', routeCheck]];
  return /** @type {[string, string][]} */ (all.filter(([, value]) => value));
}
