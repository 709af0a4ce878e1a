// @ts-check
// The reporting dashboard for officials: the figures of a period, as key figures, charts and a
// table, updated live. The page is drawn from one store (dashboard/state.js) by lit-html views
// (dashboard/views.js); ECharts draws the charts into the elements the views make
// (dashboard/charts.js). Report answers that a newer request overtook are dropped (latestOnly).
import {
  createApi,
  createI18n,
  createSession,
  errorText,
  mountLogin,
  passServiceBase,
  toast,
} from '/shared/common.js';
import { latestOnly, renderOnChange } from '/shared/store.js';
import { createRef } from '/vendor/lit-html/directives/ref.js';
import { createReportsApi } from './dashboard/api.js';
import { createCharts } from './dashboard/charts.js';
import { DASHBOARD_WORDS } from './dashboard/dictionary.js';
import { checkpointTotals, isoDay } from './dashboard/figures.js';
import { createLiveFeed } from './dashboard/live-feed.js';
import { createDashboardStore, NO_REPORTS, withFilters } from './dashboard/state.js';
import { pageView } from './dashboard/views.js';

/** After the live summary changed, the breakdowns are read again this much later. */
const RELOAD_AFTER_LIVE_MS = 1500;

const i18n = createI18n(DASHBOARD_WORDS);
const { t } = i18n;
const store = createDashboardStore(i18n.lang);
const session = createSession(sessionStorage, 'epass.dashboard.session', {
  authBase: passServiceBase(),
});
const reportsApi = createReportsApi(
  createApi({
    session,
    onUnauthorized: () => sessionEnded(),
  }),
);
const reportsGate = latestOnly();
const hourlyGate = latestOnly();
const charts = createCharts(t);
/** @type {import('/vendor/lit-html/directives/ref.js').Ref<HTMLElement>} */
const loginContainer = createRef();

/** @type {ReturnType<typeof setTimeout> | undefined} */
let reloadTimer;

const live = createLiveFeed({
  session,
  period: () => store.get().filters,
  onSummary(summary) {
    const changed = JSON.stringify(summary) !== JSON.stringify(store.get().summary);
    store.update({ summary, live: true });
    if (changed) {
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(() => void reload(), RELOAD_AFTER_LIVE_MS);
    }
  },
  onLive: (on) => store.update({ live: on }),
  onSessionEnded: () => sessionEnded(),
});

/** The summary and breakdowns of the chosen period, then the hourly chart. */
async function reload() {
  const isLatest = reportsGate.begin();
  const { from, to, level } = store.get().filters;
  store.update({ error: '' });
  try {
    const reports = await reportsApi.reports({ from, to, level });
    if (!isLatest()) return;
    store.update((state) => {
      // The hourly chart keeps its checkpoint while the period has it, else takes the busiest.
      const codes = checkpointTotals(reports.checkpoint).map((c) => c.key ?? '');
      const chosen = state.filters.hourlyCheckpoint;
      return {
        ...reports,
        ...withFilters(state, {
          hourlyCheckpoint: codes.includes(chosen) ? chosen : (codes[0] ?? ''),
        }),
      };
    });
    await loadHourly();
  } catch (error) {
    if (isLatest()) store.update({ error: errorText(error, t) });
  }
}

async function loadHourly() {
  const isLatest = hourlyGate.begin();
  const { hourlyCheckpoint: checkpointCode, hourlyDay: day } = store.get().filters;
  if (!checkpointCode || !day) {
    store.update({ hourly: null });
    return;
  }
  try {
    const hourly = await reportsApi.hourly({ day, checkpointCode });
    if (isLatest()) store.update({ hourly });
  } catch (error) {
    if (isLatest()) toast(errorText(error, t), 'error');
  }
}

async function exportCsv() {
  const { from, to, level, exportBy: by } = store.get().filters;
  store.update({ exporting: true });
  try {
    const { name, blob } = await reportsApi.exportCsv({ from, to, level, by });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    toast(t('export.done', { f: name }), 'ok');
  } catch (error) {
    toast(errorText(error, t), 'error');
  } finally {
    store.update({ exporting: false });
  }
}

/** @param {SubmitEvent} event */
function applyPeriod(event) {
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ (event.currentTarget);
  const field = (/** @type {string} */ name) =>
    /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
  const [from, to] = [field('from'), field('to')];
  store.update((state) => {
    const day = state.filters.hourlyDay;
    return withFilters(state, { from, to, hourlyDay: day < from || day > to ? to : day });
  });
  void reload();
  void live.connect();
}

/** @param {Partial<import('./dashboard/state.js').Filters>} change */
function choose(change) {
  store.update((state) => withFilters(state, change));
  if ('level' in change) void reload();
  if ('hourlyCheckpoint' in change || 'hourlyDay' in change) void loadHourly();
}

function showDashboard() {
  store.update((state) => {
    const user = session.get()?.claims?.usr ?? '';
    if (state.filters.to) return { user };
    // The last seven days, the hourly chart on the last.
    const today = new Date();
    const to = isoDay(today);
    const from = isoDay(new Date(today.getTime() - 6 * 86_400_000));
    return { user, ...withFilters(state, { from, to, hourlyDay: to }) };
  });
  void reload();
  void live.connect();
}

function showLogin() {
  live.stop();
  clearTimeout(reloadTimer);
  store.update({ user: null, ...NO_REPORTS });
}

/** A session pass-service ended or refused: back to the login, which says why. */
function sessionEnded() {
  if (store.get().user === null) return;
  session.clear();
  toast(t('session.expired'), 'error');
  showLogin();
}
session.onEnded(() => {
  if (store.get().user !== null) showLogin();
});

function mountLoginForm() {
  const container = loginContainer.value;
  if (!container) return;
  mountLogin(container, {
    i18n,
    session,
    loginUrl: `${passServiceBase()}/v1/auth/login`,
    roles: ['official', 'admin'],
    onLogin: showDashboard,
  });
}

i18n.onChange((lang) => store.update({ lang }));
i18n.apply();
/** @type {import('./dashboard/views.js').ViewContext} */
const viewContext = {
  t,
  charts,
  login: loginContainer,
  toggleLanguage: () => i18n.set(i18n.lang === 'zh' ? 'en' : 'zh'),
  logout: () => {
    void session.logout();
    showLogin();
  },
  apply: applyPeriod,
  choose,
  exportCsv: () => void exportCsv(),
};
renderOnChange(document.body, store, (state) => pageView(state, viewContext));
// After the views (renderOnChange draws first, in the same microtask order): the charts into
// their elements, and the login form (made by mountLogin) when it appears or changes language.
store.subscribe((state, previous) =>
  queueMicrotask(() => {
    charts.draw(store.get());
    if (state.user === null && (previous.user !== null || state.lang !== previous.lang))
      mountLoginForm();
  }),
);

if (session.get() && !session.expired()) showDashboard();
else mountLoginForm();
