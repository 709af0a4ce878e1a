// @ts-check
// The whole scanner page, drawn from the state. The login form inside #login is drawn by
// mountLogin (web/shared/common.js), which this template leaves alone: it has no part there.
import { html } from '/vendor/lit-html/lit-html.js';
import { recentView } from './recent.js';
import { scanPanelView } from './scan-panel.js';
import { statusView, warningsView } from './status.js';
import { verdictView } from './verdict.js';

/** @typedef {import('../types.js').ScannerState} ScannerState */
/** @typedef {import('../types.js').Ui} Ui */

/** @param {ScannerState} state @param {Ui} ui */
export function pageView(state, ui) {
  const { t, act } = ui;
  const { user } = state;
  const signedIn = state.view === 'scanner';
  const who =
    signedIn && user ? `${user.username}${user.checkpoint ? ` · ${user.checkpoint}` : ''}` : '';
  return html`<header class="topbar">
      <h1>${t('app.title')}</h1>
      <span class="who" id="who">${who}</span>
      <button
        type="button"
        id="lang-toggle"
        aria-label=${t('lang.aria')}
        @click=${act.toggleLanguage}
      >
        ${t('lang.other')}
      </button>
      <button type="button" id="logout" ?hidden=${!signedIn} @click=${act.logout}>
        ${t('logout')}
      </button>
    </header>
    <main>
      <section id="login" ?hidden=${state.view !== 'login'}></section>
      <section id="scanner" ?hidden=${!signedIn}>
        <div id="status" class="status-strip" aria-live="polite">${statusView(state, ui)}</div>
        <div id="warnings">${warningsView(state, ui)}</div>
        <div class="card">${scanPanelView(state, ui)}</div>
        <section class="card">
          <div class="row spread">
            <h2>${t('recent.title')}</h2>
            <button type="button" id="sync-now" class="btn" @click=${act.syncNow}>
              ${t('sync.now')}
            </button>
          </div>
          <ul id="recent" class="recent">
            ${recentView(state, ui)}
          </ul>
        </section>
      </section>
    </main>
    ${verdictView(state, ui)}
    <!-- Screen readers hear each verdict here, even while focus stays on the scan field. -->
    <div id="verdict-announce" class="visually-hidden" role="status" aria-live="assertive">
      ${state.announcement}
    </div>`;
}
