// @ts-check
// What the dashboard shows, in one store (web/shared/store.js): who is signed in, the period and
// choices the reports were asked for, the API's answers (null until they come) and the live
// feed's state. The views and the charts are drawn from it.
import { createStore } from '/shared/store.js';

/** @typedef {import('./api.js').Level} Level */
/**
 * @typedef {{ from: string, to: string, level: Level, exportBy: string, hourlyDay: string,
 *   hourlyCheckpoint: string }} Filters
 */
/**
 * @typedef {{ lang: import('/shared/common.js').Lang, user: string | null, filters: Filters,
 *   summary: import('./api.js').Summary | null, cargo: import('./api.js').DailyReport | null,
 *   origin: import('./api.js').DailyReport | null,
 *   destination: import('./api.js').DailyReport | null,
 *   flows: import('./api.js').FlowsReport | null,
 *   checkpoint: import('./api.js').DailyReport | null,
 *   hourly: import('./api.js').HourlyReport | null, live: boolean, error: string,
 *   exporting: boolean }} DashboardState
 */

/** Nothing read yet: what a sign-in starts from. */
export const NO_REPORTS = {
  summary: null,
  cargo: null,
  origin: null,
  destination: null,
  flows: null,
  checkpoint: null,
  hourly: null,
  live: false,
  error: '',
};

/** @param {import('/shared/common.js').Lang} lang */
export function createDashboardStore(lang) {
  /** @type {DashboardState} */
  const initial = {
    lang,
    user: null,
    filters: {
      from: '',
      to: '',
      level: 'city',
      exportBy: 'cargo',
      hourlyDay: '',
      hourlyCheckpoint: '',
    },
    ...NO_REPORTS,
    exporting: false,
  };
  return createStore(initial);
}

/** @typedef {ReturnType<typeof createDashboardStore>} DashboardStore */

/**
 * `filters` with `change` applied.
 * @param {DashboardState} state
 * @param {Partial<Filters>} change
 * @returns {Partial<DashboardState>}
 */
export const withFilters = (state, change) => ({ filters: { ...state.filters, ...change } });
