// @ts-check
// The dashboard's views: lit-html templates drawn from the state, again on every change of the
// state or of the language. What the API sent is bound as text, never parsed as markup.
import { formatTime } from '/shared/common.js';
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { ref } from '/vendor/lit-html/directives/ref.js';
import { checkpointTotals, countText, shareText, tonsOf, tonsText } from './figures.js';

/** @typedef {import('./state.js').DashboardState} DashboardState */
/**
 * What the views need besides the state: the words, the charts' element directives, the login's
 * container, and what the controls do.
 * @typedef {{ t: import('/shared/common.js').Translate,
 *   charts: ReturnType<typeof import('./charts.js').createCharts>,
 *   login: import('/vendor/lit-html/directives/ref.js').Ref<HTMLElement>,
 *   toggleLanguage: () => void, logout: () => void, apply: (event: SubmitEvent) => void,
 *   choose: (change: Partial<import('./state.js').Filters>) => void,
 *   exportCsv: () => void }} ViewContext
 */

const LEVELS = /** @type {const} */ (['city', 'province', 'county']);
const EXPORTS = ['cargo', 'origin', 'destination', 'checkpoint', 'enterprise'];

/** The value of the control an event came from. @param {Event} event */
const valueOf = (event) => /** @type {HTMLInputElement | HTMLSelectElement} */ (event.target).value;

/**
 * The whole page: the top bar, then the login or the dashboard.
 * @param {DashboardState} state
 * @param {ViewContext} context
 */
export function pageView(state, context) {
  const { t } = context;
  const signedIn = state.user !== null;
  return html`
    <header class="topbar">
      <h1>${t('app.title')}</h1>
      <span class="who" id="who">${state.user ?? ''}</span>
      <button
        type="button"
        id="lang-toggle"
        aria-label=${t('lang.aria')}
        @click=${context.toggleLanguage}
      >
        ${t('lang.other')}
      </button>
      <button type="button" id="logout" ?hidden=${!signedIn} @click=${context.logout}>
        ${t('logout')}
      </button>
    </header>
    <main>
      <section id="login" ?hidden=${signedIn} ${ref(context.login)}></section>
      <section id="dashboard" ?hidden=${!signedIn}>
        ${controlsView(state, context)}
        <section id="kpis" class="kpis" aria-live="polite">${kpisView(state, context)}</section>
        ${chartsView(state, context)}
      </section>
    </main>
  `;
}

/**
 * The period, the region level, the export and what the figures are as of.
 * @param {DashboardState} state
 * @param {ViewContext} context
 */
function controlsView({ filters, exporting, error, summary, live, lang }, context) {
  const { t } = context;
  return html`
    <form id="controls" class="card controls" novalidate @submit=${context.apply}>
      <div>
        <label for="from">${t('c.from')}</label>
        <input id="from" name="from" type="date" required .value=${filters.from} />
      </div>
      <div>
        <label for="to">${t('c.to')}</label>
        <input id="to" name="to" type="date" required .value=${filters.to} />
      </div>
      <div>
        <label for="level">${t('c.level')}</label>
        <select
          id="level"
          @change=${(/** @type {Event} */ e) =>
            context.choose({ level: /** @type {import('./api.js').Level} */ (valueOf(e)) })}
        >
          ${LEVELS.map(
            (level) =>
              html`<option value=${level} ?selected=${level === filters.level}>
                ${t(`level.${level}`)}
              </option>`,
          )}
        </select>
      </div>
      <div class="controls-actions">
        <button type="submit" class="btn btn-primary">${t('c.apply')}</button>
      </div>
      <div class="controls-export">
        <label for="export-by">${t('c.exportBy')}</label>
        <div class="row nowrap">
          <select
            id="export-by"
            @change=${(/** @type {Event} */ e) => context.choose({ exportBy: valueOf(e) })}
          >
            ${EXPORTS.map(
              (by) =>
                html`<option value=${by} ?selected=${by === filters.exportBy}>
                  ${t(`by.${by}`)}
                </option>`,
            )}
          </select>
          <button
            type="button"
            id="export"
            class="btn"
            ?disabled=${exporting}
            @click=${context.exportCsv}
          >
            ${t('c.export')}
          </button>
        </div>
      </div>
      <p id="freshness" class="freshness small muted" aria-live="polite">
        ${
          summary
            ? html`<span class=${live ? 'live-dot live-on' : 'live-dot'}></span>${t(
                  live ? 'live.on' : 'live.off',
                )}
                ·
                ${
                  summary.completeUpTo
                    ? t('fresh.upTo', { t: formatTime(summary.completeUpTo, lang, true) })
                    : t('fresh.none')
                }`
            : nothing
        }
      </p>
      <p id="controls-error" class="form-error" role="alert">${error}</p>
    </form>
  `;
}

/**
 * The key figures of the period.
 * @param {DashboardState} state
 * @param {ViewContext} context
 */
function kpisView({ summary: s, lang }, { t }) {
  if (!s) return nothing;
  const count = (/** @type {number} */ n) => countText(n, lang);
  /**
   * @param {string} label
   * @param {string} value
   * @param {string | null} [sub]
   */
  const kpi = (label, value, sub, bad = false) => html`
    <div class=${bad ? 'kpi kpi-bad' : 'kpi'}>
      <div class="kpi-label">${label}</div>
      <div class="kpi-value">${value}</div>
      ${sub ? html`<div class="kpi-sub">${sub}</div>` : nothing}
    </div>
  `;
  return [
    kpi(t('k.passesIssued'), count(s.passesIssued)),
    kpi(t('k.tonnageDeclared'), tonsText(s.tonnageDeclared)),
    kpi(
      t('k.crossProvince'),
      count(s.crossProvincePasses),
      t('k.share', { p: shareText(s.crossProvincePasses, s.passesIssued) }),
    ),
    kpi(t('k.passesRevoked'), count(s.passesRevoked)),
    kpi(t('k.scansAccepted'), count(s.scansAccepted)),
    kpi(t('k.scansRejected'), count(s.scansRejected), null, s.scansRejected > 0),
    kpi(t('k.tonnageThrough'), tonsText(s.tonnageThroughCheckpoints)),
    kpi(t('k.cloneFlags'), count(s.cloneFlags), null, s.cloneFlags > 0),
  ];
}

/**
 * The charts' cards and the table of checkpoints.
 * @param {DashboardState} state
 * @param {ViewContext} context
 */
function chartsView(state, context) {
  const { t, charts } = context;
  /** A chart's element, which ECharts draws into, and its tooltip box right after it. */
  const chart = (/** @type {string} */ id, /** @type {string} */ title) => html`
    <div id=${id} class="chart" role="img" aria-label=${t(title)} ${charts.ref(id)}></div>
    <div class="chart-tip" role="tooltip" hidden></div>
  `;
  /** A card with a title and a chart. */
  const card = (/** @type {string} */ id, /** @type {string} */ title, wide = false) => html`
    <section class=${wide ? 'card chart-card wide' : 'card chart-card'}>
      <h2>${t(title)}</h2>
      ${chart(id, title)}
    </section>
  `;
  return html`
    <div class="charts">
      ${card('chart-daily', 'ch.daily', true)} ${card('chart-cargo', 'ch.cargo')}
      ${card('chart-cross', 'ch.cross')} ${card('chart-origin', 'ch.origin')}
      ${card('chart-destination', 'ch.destination')} ${card('chart-flows', 'ch.flows', true)}
      <section class="card chart-card wide">${hourlyView(state, context)}</section>
      ${card('chart-reasons', 'ch.reasons')}
      <section class="card chart-card">
        <h2>${t('ch.checkpoints')}</h2>
        <div class="table-wrap">${checkpointTableView(state, context)}</div>
      </section>
    </div>
  `;
}

/**
 * One checkpoint's scans by hour on one day, with the pickers of both.
 * @param {DashboardState} state
 * @param {ViewContext} context
 */
function hourlyView({ filters, checkpoint }, { t, charts, choose }) {
  return html`
    <div class="row spread">
      <h2>${t('ch.hourly')}</h2>
      <div class="row">
        <label for="hourly-checkpoint" class="visually-hidden">${t('c.checkpoint')}</label>
        <select
          id="hourly-checkpoint"
          @change=${(/** @type {Event} */ e) => choose({ hourlyCheckpoint: valueOf(e) })}
        >
          ${checkpointTotals(checkpoint).map(
            ({ key }) =>
              html`<option value=${key ?? ''} ?selected=${key === filters.hourlyCheckpoint}>
                ${key}
              </option>`,
          )}
        </select>
        <label for="hourly-day" class="visually-hidden">${t('c.day')}</label>
        <input
          id="hourly-day"
          type="date"
          .value=${filters.hourlyDay}
          @change=${(/** @type {Event} */ e) => choose({ hourlyDay: valueOf(e) })}
        />
      </div>
    </div>
    <div
      id="chart-hourly"
      class="chart"
      role="img"
      aria-label=${t('ch.hourly')}
      ${charts.ref('chart-hourly')}
    ></div>
    <div class="chart-tip" role="tooltip" hidden></div>
  `;
}

/**
 * Scans and tonnage per checkpoint, busiest first.
 * @param {DashboardState} state
 * @param {ViewContext} context
 */
function checkpointTableView({ checkpoint, lang }, { t }) {
  const totals = checkpointTotals(checkpoint);
  return html`
    <table id="table-checkpoints">
      <thead>
        <tr>
          <th>${t('t.checkpoint')}</th>
          <th class="num">${t('t.accepted')}</th>
          <th class="num">${t('t.rejected')}</th>
          <th class="num">${t('t.tonnage')}</th>
        </tr>
      </thead>
      <tbody>
        ${
          !checkpoint
            ? nothing
            : totals.length
              ? totals.map(
                  (c) => html`
                    <tr>
                      <td>${c.key}</td>
                      <td class="num">${countText(c.scansAccepted, lang)}</td>
                      <td class="num">${countText(c.scansRejected, lang)}</td>
                      <td class="num">${tonsText(tonsOf(c.tonnageThroughKg))}</td>
                    </tr>
                  `,
                )
              : html`<tr>
                  <td colspan="4" class="empty">${t('no.checkpoints')}</td>
                </tr>`
        }
      </tbody>
    </table>
  `;
}
