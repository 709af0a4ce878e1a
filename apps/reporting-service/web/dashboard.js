// @ts-check
import {
  createApi,
  createI18n,
  createSession,
  errorText,
  formatTime,
  h,
  labelOf,
  mountLogin,
  passServiceBase,
  toast,
} from '/shared/common.js';
import { CARGO_CATEGORY_LABELS, SCAN_REJECTION_REASON_LABELS } from '/shared/labels.js';

const dict = {
  zh: {
    'app.title': '通行证数据看板',
    'lang.aria': '切换语言',
    'lang.other': 'English',
    logout: '退出',
    'err.network': '网络不可用',
    'session.expired': '登录已过期，请重新登录',
    'c.from': '开始日期',
    'c.to': '结束日期',
    'c.level': '地区层级',
    'c.apply': '查询',
    'c.exportBy': '导出维度',
    'c.export': '导出 CSV',
    'c.checkpoint': '检查站',
    'c.day': '日期',
    'level.city': '市',
    'level.province': '省',
    'level.county': '区县',
    'by.cargo': '货物类别',
    'by.origin': '起点',
    'by.destination': '终点',
    'by.checkpoint': '检查站',
    'by.enterprise': '企业',
    'k.passesIssued': '签发通行证',
    'k.tonnageDeclared': '申报吨位（吨）',
    'k.crossProvince': '跨省通行证',
    'k.share': '占 {p}',
    'k.passesRevoked': '撤销',
    'k.scansAccepted': '扫码通过',
    'k.scansRejected': '扫码拒绝',
    'k.tonnageThrough': '入站吨位（吨）',
    'k.cloneFlags': '疑似克隆',
    'ch.daily': '每日签发通行证与申报吨位',
    'ch.cargo': '货物类别构成（通行证数）',
    'ch.cross': '跨省通行证占比',
    'ch.origin': '起点地区（前 10，按通行证数）',
    'ch.destination': '终点地区（前 10，按通行证数）',
    'ch.flows': '起止流向（前 10，按通行证数）',
    'ch.hourly': '检查站每小时通行量',
    'ch.reasons': '拒绝原因',
    'ch.checkpoints': '各检查站扫码',
    's.passes': '通行证',
    's.tonnage': '吨位（吨）',
    's.accepted': '通过',
    's.rejected': '拒绝',
    's.clone': '疑似克隆',
    's.cross': '跨省',
    's.inProvince': '省内',
    't.checkpoint': '检查站',
    't.accepted': '通过',
    't.rejected': '拒绝',
    't.tonnage': '入站吨位',
    'no.checkpoints': '所选期间没有检查站数据',
    unknown: '未识别',
    'fresh.upTo': '数据截至 {t}',
    'fresh.none': '尚无数据',
    'live.on': '实时更新中',
    'live.off': '实时更新已断开，正在重连…',
    'export.done': '已导出 {f}',
  },
  en: {
    'app.title': 'e-Pass dashboard',
    'lang.aria': 'Switch language',
    'lang.other': '中文',
    logout: 'Sign out',
    'err.network': 'Network unavailable',
    'session.expired': 'Your session expired, please sign in again',
    'c.from': 'From',
    'c.to': 'To',
    'c.level': 'Region level',
    'c.apply': 'Apply',
    'c.exportBy': 'Export by',
    'c.export': 'Export CSV',
    'c.checkpoint': 'Checkpoint',
    'c.day': 'Day',
    'level.city': 'City',
    'level.province': 'Province',
    'level.county': 'County',
    'by.cargo': 'Cargo',
    'by.origin': 'Origin',
    'by.destination': 'Destination',
    'by.checkpoint': 'Checkpoint',
    'by.enterprise': 'Enterprise',
    'k.passesIssued': 'Passes issued',
    'k.tonnageDeclared': 'Tonnage declared (t)',
    'k.crossProvince': 'Cross-province passes',
    'k.share': '{p} of all',
    'k.passesRevoked': 'Revoked',
    'k.scansAccepted': 'Scans accepted',
    'k.scansRejected': 'Scans rejected',
    'k.tonnageThrough': 'Tonnage through checkpoints (t)',
    'k.cloneFlags': 'Clone flags',
    'ch.daily': 'Passes issued and tonnage declared per day',
    'ch.cargo': 'Cargo mix (passes)',
    'ch.cross': 'Cross-province share',
    'ch.origin': 'Origins (top 10 by passes)',
    'ch.destination': 'Destinations (top 10 by passes)',
    'ch.flows': 'Origin → destination flows (top 10 by passes)',
    'ch.hourly': 'Checkpoint throughput by hour',
    'ch.reasons': 'Rejections by reason',
    'ch.checkpoints': 'Scans per checkpoint',
    's.passes': 'Passes',
    's.tonnage': 'Tonnage (t)',
    's.accepted': 'Accepted',
    's.rejected': 'Rejected',
    's.clone': 'Clone flags',
    's.cross': 'Cross-province',
    's.inProvince': 'Within province',
    't.checkpoint': 'Checkpoint',
    't.accepted': 'Accepted',
    't.rejected': 'Rejected',
    't.tonnage': 'Tonnage through',
    'no.checkpoints': 'No checkpoint data in this period',
    unknown: 'Unidentified',
    'fresh.upTo': 'Data complete up to {t}',
    'fresh.none': 'No data yet',
    'live.on': 'Live',
    'live.off': 'Live feed lost, reconnecting…',
    'export.done': 'Exported {f}',
  },
};

const i18n = createI18n(dict);
const { t } = i18n;
const session = createSession(sessionStorage, 'epass.dashboard.session', {
  authBase: passServiceBase(),
});
// A background renewal that pass-service refused: back to the login, which says why.
session.onEnded(() => {
  if (!$('dashboard').hidden) showLogin();
});
/** @type {import('/shared/common.js').JsonApi} */
const api = createApi({
  session,
  onUnauthorized: () => {
    session.clear();
    toast(t('session.expired'), 'error');
    showLogin();
  },
});
/**
 * The elements of index.html that are more than an HTMLElement, by id.
 * @typedef {{ from: HTMLInputElement, to: HTMLInputElement, 'hourly-day': HTMLInputElement,
 *   level: HTMLSelectElement, 'export-by': HTMLSelectElement,
 *   'hourly-checkpoint': HTMLSelectElement, export: HTMLButtonElement }} PageElements
 */
/**
 * An element of index.html by id (all of them exist); typed by PageElements.
 * @template {string} K
 * @param {K} id
 * @returns {K extends keyof PageElements ? PageElements[K] : HTMLElement}
 */
const $ = (id) =>
  /** @type {K extends keyof PageElements ? PageElements[K] : HTMLElement} */ (
    document.getElementById(id)
  );
const COLORS = [
  '#0b5cad',
  '#2e9d5b',
  '#e08a00',
  '#8e44ad',
  '#c62828',
  '#00838f',
  '#6d4c41',
  '#607d8b',
];

// ---------------------------------------------------------------------------------------------
// Exact arithmetic: tonnages arrive as strings with three decimals and are added as integer
// kilograms (BigInt), never as floats; counts are integers.

/** @param {string} tons */
const kgOf = (tons) => {
  const [whole, fraction = ''] = String(tons).split('.');
  return BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0').slice(0, 3));
};
/** @param {bigint} kg */
const tonsOf = (kg) => `${kg / 1000n}.${(kg % 1000n).toString().padStart(3, '0')}`;
/** Only for drawing a bar's length; every label shows the exact string. */
/** @param {string} tons */
const plotNumber = (tons) => Number(tons);
/** @param {number} n */
const num = (n) => Number(n).toLocaleString(i18n.lang === 'zh' ? 'zh-CN' : 'en-US');
/**
 * Thousands separators on an exact decimal string, without turning it into a number.
 * @param {string} tons
 */
const tonsText = (tons) => {
  const [whole, fraction] = String(tons).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
};

/** @param {Date} date */
function isoDay(date) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * @param {string} from
 * @param {string} to
 */
function daysBetween(from, to) {
  /** @type {string[]} */
  const days = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= end && days.length < 400; at += 86_400_000)
    days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/**
 * @typedef {{ key: string | null, name: string | null, passesIssued: number, scansAccepted: number,
 *   scansRejected: number, tonnageDeclaredKg: bigint, tonnageThroughKg: bigint }} GroupTotal
 */
/**
 * Sums daily rows per group: counts as numbers, tonnages as exact kg.
 * @param {DailyRow[]} rows
 * @param {(row: DailyRow) => string | null} keyOf
 * @returns {GroupTotal[]}
 */
function totalsBy(rows, keyOf) {
  /** @type {Map<string | null, GroupTotal>} */
  const totals = new Map();
  for (const row of rows) {
    const key = keyOf(row);
    const total = totals.get(key) ?? {
      key,
      name: row.groupName ?? null,
      passesIssued: 0,
      scansAccepted: 0,
      scansRejected: 0,
      tonnageDeclaredKg: 0n,
      tonnageThroughKg: 0n,
    };
    total.passesIssued += row.passesIssued;
    total.scansAccepted += row.scansAccepted;
    total.scansRejected += row.scansRejected;
    total.tonnageDeclaredKg += kgOf(row.tonnageDeclared);
    total.tonnageThroughKg += kgOf(row.tonnageThroughCheckpoints);
    totals.set(key, total);
  }
  return [...totals.values()];
}

// ---------------------------------------------------------------------------------------------
// Charts: bars only, so that the dashboard's ECharts build stays small (echarts-parts.js). The
// tooltips are the page's own and text only: no markup from the data, and ECharts' own tooltip
// markup carries style attributes, which the page's CSP refuses.

/**
 * The calls the page makes on an ECharts instance: of the build's parts (echarts-parts.js) or,
 * unbuilt, of the whole library; both set the global `echarts`.
 * @typedef {{ setOption: (option: object, notMerge?: boolean) => void, resize: () => void,
 *   getZr: () => { on: (event: 'mousemove' | 'globalout',
 *     handler: (event: { offsetX: number, offsetY: number }) => void) => void },
 *   containPixel: (finder: { gridIndex: number }, point: number[]) => boolean,
 *   convertFromPixel: (finder: { gridIndex: number }, point: number[]) => number[] }} Chart
 */
/**
 * What a chart's tooltip says at a point given in the chart's data coordinates ([x, y]: a
 * category axis gives the category's index); null for nothing.
 * @typedef {(point: number[]) => string | null} TipText
 */

/** @type {Map<string, Chart>} */
const charts = new Map();
/** @type {Map<string, TipText>} */
const tips = new Map();

/** @param {string} id */
function chart(id) {
  let instance = charts.get(id);
  if (!instance) {
    const { echarts } = /** @type {{ echarts: { init: (el: HTMLElement) => Chart } }} */ (
      /** @type {unknown} */ (globalThis)
    );
    instance = echarts.init($(id));
    followPointer(id, instance);
    charts.set(id, instance);
  }
  return instance;
}
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

/**
 * Shows the chart's tooltip (`tips`, set by each drawing) beside the pointer over its grid.
 * @param {string} id
 * @param {Chart} instance
 */
function followPointer(id, instance) {
  const canvas = $(id);
  const box = h('div', { class: 'chart-tip', role: 'tooltip', hidden: true });
  canvas.after(box);
  const grid = { gridIndex: 0 };
  const zr = instance.getZr();
  zr.on('mousemove', ({ offsetX, offsetY }) => {
    const point = [offsetX, offsetY];
    const text = instance.containPixel(grid, point)
      ? (tips.get(id)?.(instance.convertFromPixel(grid, point)) ?? null)
      : null;
    box.hidden = !text;
    if (!text) return;
    box.textContent = text;
    // Beside the pointer, on the side with room (the box is inside the chart's card).
    const left = canvas.offsetLeft + offsetX;
    const right = left + 12 + box.offsetWidth > canvas.offsetLeft + canvas.offsetWidth;
    box.style.left = `${right ? left - 12 - box.offsetWidth : left + 12}px`;
    box.style.top = `${canvas.offsetTop + offsetY + 12}px`;
  });
  zr.on('globalout', () => {
    box.hidden = true;
  });
}

const baseOption = () => ({
  color: COLORS,
  textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
  grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
});
/** Horizontal bars carry their label to the right of the bar: containLabel leaves that out. */
const barLabelGrid = { left: 8, top: 36, bottom: 8, containLabel: true };
/** A chart with a legend above its grid. */
const legendGrid = { left: 8, right: 8, top: 40, bottom: 8, containLabel: true };

/**
 * @typedef {{ from: string, to: string, passesIssued: number, passesRevoked: number,
 *   crossProvincePasses: number, tonnageDeclared: string, tonnageThroughCheckpoints: string,
 *   scansAccepted: number, scansRejected: number, cloneFlags: number,
 *   rejectedByReason?: Record<string, number>, completeUpTo?: string | null }} Summary
 */
/**
 * @typedef {{ day: string, group: string | null, groupName?: string | null,
 *   passesIssued: number, scansAccepted: number, scansRejected: number, tonnageDeclared: string,
 *   tonnageThroughCheckpoints: string }} DailyRow
 */
/** @typedef {{ from: string, to: string, rows: DailyRow[] }} DailyReport */
/** @typedef {{ code: string, name: string | null }} Region */
/**
 * @typedef {{ rows: { origin: Region, destination: Region, passesIssued: number,
 *   tonnageDeclared: string }[] }} FlowsReport
 */
/**
 * @typedef {{ hours: { hour: number, scansAccepted: number, scansRejected: number,
 *   cloneFlags: number, tonnageThroughCheckpoints: string }[] }} HourlyReport
 */
/**
 * What the dashboard shows: the API's answers, null until they come.
 * @typedef {{ summary: Summary | null, cargo: DailyReport | null, origin: DailyReport | null,
 *   destination: DailyReport | null, flows: FlowsReport | null,
 *   checkpoint: DailyReport | null, hourly: HourlyReport | null }} DashboardState
 */

/** @type {DashboardState} */
let state = {
  summary: null,
  cargo: null,
  origin: null,
  destination: null,
  flows: null,
  checkpoint: null,
  hourly: null,
};

function renderKpis() {
  const s = state.summary;
  if (!s) return;
  const share = s.passesIssued
    ? `${((s.crossProvincePasses / s.passesIssued) * 100).toFixed(1)}%`
    : '—';
  /**
   * @param {string} label
   * @param {string} value
   * @param {string | null} [sub]
   */
  const kpi = (label, value, sub, bad = false) =>
    h(
      'div',
      { class: `kpi${bad ? ' kpi-bad' : ''}` },
      h('div', { class: 'kpi-label' }, label),
      h('div', { class: 'kpi-value' }, value),
      sub ? h('div', { class: 'kpi-sub' }, sub) : null,
    );
  $('kpis').replaceChildren(
    kpi(t('k.passesIssued'), num(s.passesIssued)),
    kpi(t('k.tonnageDeclared'), tonsText(s.tonnageDeclared)),
    kpi(t('k.crossProvince'), num(s.crossProvincePasses), t('k.share', { p: share })),
    kpi(t('k.passesRevoked'), num(s.passesRevoked)),
    kpi(t('k.scansAccepted'), num(s.scansAccepted)),
    kpi(t('k.scansRejected'), num(s.scansRejected), null, s.scansRejected > 0),
    kpi(t('k.tonnageThrough'), tonsText(s.tonnageThroughCheckpoints)),
    kpi(t('k.cloneFlags'), num(s.cloneFlags), null, s.cloneFlags > 0),
  );
  $('freshness').replaceChildren(
    h('span', { class: `live-dot${live ? ' live-on' : ''}` }),
    `${t(live ? 'live.on' : 'live.off')} · `,
    s.completeUpTo
      ? t('fresh.upTo', { t: formatTime(s.completeUpTo, i18n.lang, true) })
      : t('fresh.none'),
  );
}

/**
 * A horizontal bar per entry, in the order given: its name on the axis, its label beside it (the
 * value unless given), and its tip under the pointer.
 * @param {string} id
 * @param {{ name: string, value: number, label?: string, tip: string }[]} bars
 * @param {string} [color]
 */
function renderBars(id, bars, color) {
  tips.set(id, ([, y]) => bars[y]?.tip ?? null);
  // Room on the right for the longest label beside its bar (about 7 px a character).
  const longest = Math.max(0, ...bars.map((b) => (b.label ?? num(b.value)).length));
  chart(id).setOption(
    {
      ...baseOption(),
      grid: { ...barLabelGrid, right: 16 + 7 * longest },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.name) },
      series: [
        {
          type: 'bar',
          data: bars.map((b) => b.value),
          ...(color ? { color } : {}),
          label: {
            show: true,
            position: 'right',
            formatter: (/** @type {{ dataIndex: number }} */ p) =>
              bars[p.dataIndex]?.label ?? num(bars[p.dataIndex]?.value ?? 0),
          },
        },
      ],
    },
    true,
  );
}

/** Cross-province passes beside those within a province, each with its share. */
function renderCross() {
  const s = state.summary;
  if (!s) return;
  /**
   * @param {string} name
   * @param {number} n
   */
  const bar = (name, n) => {
    const share = s.passesIssued ? `${((n / s.passesIssued) * 100).toFixed(1)}%` : '—';
    return { name, value: n, label: `${num(n)} (${share})`, tip: `${name}: ${num(n)} (${share})` };
  };
  renderBars('chart-cross', [
    bar(t('s.cross'), s.crossProvincePasses),
    bar(t('s.inProvince'), s.passesIssued - s.crossProvincePasses),
  ]);
}

function renderReasons() {
  const s = state.summary;
  if (!s) return;
  renderBars(
    'chart-reasons',
    Object.entries(s.rejectedByReason ?? {}).map(([reason, n]) => {
      const name = labelOf(SCAN_REJECTION_REASON_LABELS, reason, i18n.lang);
      return { name, value: n, tip: `${name} (${reason}): ${num(n)}` };
    }),
    '#c62828',
  );
}

function renderDaily() {
  if (!state.cargo) return;
  const days = daysBetween(state.cargo.from, state.cargo.to);
  const perDay = new Map(totalsBy(state.cargo.rows, (r) => r.day).map((d) => [d.key, d]));
  const rows = days.map((day) => perDay.get(day));
  tips.set('chart-daily', ([x]) => {
    const day = days[x];
    if (!day) return null;
    const row = perDay.get(day);
    return `${day}\n${t('s.passes')}: ${num(row?.passesIssued ?? 0)}\n${t('s.tonnage')}: ${tonsText(row ? tonsOf(row.tonnageDeclaredKg) : '0.000')}`;
  });
  chart('chart-daily').setOption(
    {
      ...baseOption(),
      grid: legendGrid,
      legend: { top: 0 },
      xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
      yAxis: [
        { type: 'value', name: t('s.passes'), minInterval: 1 },
        { type: 'value', name: t('s.tonnage'), splitLine: { show: false } },
      ],
      series: [
        { name: t('s.passes'), type: 'bar', data: rows.map((r) => r?.passesIssued ?? 0) },
        {
          name: t('s.tonnage'),
          type: 'bar',
          yAxisIndex: 1,
          data: rows.map((r) => (r ? plotNumber(tonsOf(r.tonnageDeclaredKg)) : 0)),
        },
      ],
    },
    true,
  );
}

/** The cargo categories by passes, most first, each with its share and its declared tonnage. */
function renderCargo() {
  if (!state.cargo) return;
  const totals = totalsBy(state.cargo.rows, (r) => r.group)
    .filter((c) => c.key && c.passesIssued > 0)
    .sort((a, b) => b.passesIssued - a.passesIssued);
  const all = totals.reduce((sum, c) => sum + c.passesIssued, 0);
  renderBars(
    'chart-cargo',
    totals.map((c) => {
      const name = labelOf(CARGO_CATEGORY_LABELS, c.key ?? '', i18n.lang);
      const share = `${((c.passesIssued / all) * 100).toFixed(1)}%`;
      return {
        name,
        value: c.passesIssued,
        label: `${num(c.passesIssued)} (${share})`,
        tip: `${name}\n${t('s.passes')}: ${num(c.passesIssued)} (${share})\n${t('s.tonnage')}: ${tonsText(tonsOf(c.tonnageDeclaredKg))}`,
      };
    }),
  );
}

/**
 * A ranked chart of passes: each bar's name, its passes, and a tip with the declared tonnage (the
 * exact string, never a float).
 * @param {string} id
 * @param {{ name: string, detail: string, passes: number, tons: string }[]} ranked
 */
function renderRankedBars(id, ranked) {
  renderBars(
    id,
    ranked.map((r) => ({
      name: r.name,
      value: r.passes,
      tip: `${r.detail}\n${t('s.passes')}: ${num(r.passes)}\n${t('s.tonnage')}: ${tonsText(r.tons)}`,
    })),
  );
}

/**
 * @param {string} id
 * @param {DailyReport | null} report
 */
function renderRegion(id, report) {
  if (!report) return;
  const top = totalsBy(report.rows, (r) => r.group)
    .filter((r) => r.key && r.passesIssued > 0)
    .sort((a, b) => b.passesIssued - a.passesIssued)
    .slice(0, 10);
  renderRankedBars(
    id,
    top.map((r) => ({
      name: r.name ?? r.key ?? '',
      detail: `${r.name ?? r.key} (${r.key})`,
      passes: r.passesIssued,
      tons: tonsOf(r.tonnageDeclaredKg),
    })),
  );
}

function renderCheckpoints() {
  if (!state.checkpoint) return;
  const totals = totalsBy(state.checkpoint.rows, (r) => r.group)
    .filter((r) => r.key)
    .sort((a, b) => b.scansAccepted + b.scansRejected - (a.scansAccepted + a.scansRejected));
  const select = $('hourly-checkpoint');
  const chosen = select.value;
  select.replaceChildren(...totals.map((c) => h('option', { value: c.key }, c.key)));
  if (totals.some((c) => c.key === chosen)) select.value = chosen;
  $('table-checkpoints').replaceChildren(
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, t('t.checkpoint')),
        h('th', { class: 'num' }, t('t.accepted')),
        h('th', { class: 'num' }, t('t.rejected')),
        h('th', { class: 'num' }, t('t.tonnage')),
      ),
    ),
    h(
      'tbody',
      {},
      totals.length
        ? totals.map((c) =>
            h(
              'tr',
              {},
              h('td', {}, c.key),
              h('td', { class: 'num' }, num(c.scansAccepted)),
              h('td', { class: 'num' }, num(c.scansRejected)),
              h('td', { class: 'num' }, tonsText(tonsOf(c.tonnageThroughKg))),
            ),
          )
        : h('tr', {}, h('td', { colspan: 4, class: 'empty' }, t('no.checkpoints'))),
    ),
  );
}

function renderHourly() {
  const hours = state.hourly?.hours ?? [];
  tips.set('chart-hourly', ([x]) => {
    const row = hours[x];
    if (!row) return null;
    return `${String(row.hour).padStart(2, '0')}:00\n${t('s.accepted')}: ${num(row.scansAccepted)}\n${t('s.rejected')}: ${num(row.scansRejected)}\n${t('s.clone')}: ${num(row.cloneFlags)}\n${t('t.tonnage')}: ${tonsText(row.tonnageThroughCheckpoints)}`;
  });
  chart('chart-hourly').setOption(
    {
      ...baseOption(),
      legend: { top: 0 },
      grid: legendGrid,
      xAxis: {
        type: 'category',
        data: Array.from({ length: 24 }, (_, i) => String(i).padStart(2, '0')),
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('s.accepted'),
          type: 'bar',
          stack: 'scans',
          color: '#2e9d5b',
          data: hours.map((r) => r.scansAccepted),
        },
        {
          name: t('s.rejected'),
          type: 'bar',
          stack: 'scans',
          color: '#c62828',
          data: hours.map((r) => r.scansRejected),
        },
        {
          name: t('s.clone'),
          type: 'bar',
          color: '#8e44ad',
          data: hours.map((r) => r.cloneFlags),
        },
      ],
    },
    true,
  );
}

/** The busiest origin → destination pairs, as /v1/reports/flows ranks them (same level as the regions). */
function renderFlows() {
  const report = state.flows;
  if (!report) return;
  renderRankedBars(
    'chart-flows',
    report.rows.map((r) => {
      const name = `${r.origin.name ?? r.origin.code} → ${r.destination.name ?? r.destination.code}`;
      return { name, detail: name, passes: r.passesIssued, tons: r.tonnageDeclared };
    }),
  );
}

function renderAll() {
  renderKpis();
  renderCross();
  renderReasons();
  renderDaily();
  renderCargo();
  renderRegion('chart-origin', state.origin);
  renderRegion('chart-destination', state.destination);
  renderFlows();
  renderCheckpoints();
  renderHourly();
}

// ---------------------------------------------------------------------------------------------
// Loading

const range = () => ({ from: $('from').value, to: $('to').value });

async function loadHourly() {
  const checkpointCode = $('hourly-checkpoint').value;
  const day = $('hourly-day').value;
  if (!checkpointCode || !day) {
    state.hourly = null;
    renderHourly();
    return;
  }
  try {
    state.hourly = /** @type {HourlyReport} */ (
      await api.get(`/v1/reports/checkpoint-hourly?${new URLSearchParams({ day, checkpointCode })}`)
    );
    renderHourly();
  } catch (error) {
    toast(errorText(error, t), 'error');
  }
}

/** A load running, and whether another must follow it. @type {{ again: boolean } | null} */
let loading = null;
async function loadAll() {
  const { from, to } = range();
  const level = $('level').value;
  /** @param {Record<string, string>} extra */
  const query = (extra) => new URLSearchParams({ from, to, ...extra });
  $('controls-error').textContent = '';
  try {
    const [summary, cargo, origin, destination, flows, checkpoint] = /**
      @type {[Summary, DailyReport, DailyReport, DailyReport, FlowsReport, DailyReport]} */ (
      await Promise.all([
        api.get(`/v1/reports/summary?${query({})}`),
        api.get(`/v1/reports/daily?${query({ by: 'cargo' })}`),
        api.get(`/v1/reports/daily?${query({ by: 'origin', level })}`),
        api.get(`/v1/reports/daily?${query({ by: 'destination', level })}`),
        api.get(`/v1/reports/flows?${query({ level, limit: '10' })}`),
        api.get(`/v1/reports/daily?${query({ by: 'checkpoint' })}`),
      ])
    );
    state = { ...state, summary, cargo, origin, destination, flows, checkpoint };
    renderAll();
    await loadHourly();
  } catch (error) {
    $('controls-error').textContent = errorText(error, t);
  }
}

/** Coalesces reloads: the live feed may push faster than the report queries return. */
function reload() {
  if (loading) {
    loading.again = true;
    return;
  }
  const current = { again: false };
  loading = current;
  void loadAll().finally(() => {
    loading = null;
    if (current.again) reload();
  });
}

// ---------------------------------------------------------------------------------------------
// Live feed: the summary arrives as it changes; the breakdowns are re-read shortly after.

/** @type {EventSource | null} */
let source = null;
let live = false;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let reloadTimer;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let retryTimer;

async function connectLive() {
  source?.close();
  clearTimeout(retryTimer);
  // The stream checks the token when it opens: open it with one that is not about to expire.
  const token = await session.fresh().catch(() => session.token());
  if (!token) return;
  source?.close();
  const { from, to } = range();
  const stream = new EventSource(
    `/v1/reports/stream?${new URLSearchParams({ from, to, access_token: token })}`,
  );
  source = stream;
  stream.addEventListener('open', () => {
    live = true;
    renderKpis();
  });
  stream.addEventListener('summary', (event) => {
    /** @type {MessageEvent<string>} */
    const message = event;
    /** @type {unknown} */
    const data = JSON.parse(message.data);
    const summary = /** @type {Summary} */ (data);
    if (summary.from !== range().from || summary.to !== range().to) return;
    const changed = JSON.stringify(summary) !== JSON.stringify(state.summary);
    state.summary = summary;
    live = true;
    renderKpis();
    renderCross();
    renderReasons();
    if (changed) {
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(reload, 1500);
    }
  });
  stream.addEventListener('error', () => {
    live = false;
    renderKpis();
    if (stream.readyState === EventSource.CLOSED) {
      // The browser gave up (an HTTP error, e.g. an expired token): check the session, then retry.
      stream.close();
      if (session.expired()) {
        session.clear();
        toast(t('session.expired'), 'error');
        showLogin();
        return;
      }
      retryTimer = setTimeout(connectLive, 5000);
    }
  });
}

async function exportCsv() {
  const { from, to } = range();
  const by = $('export-by').value;
  const params = new URLSearchParams({ from, to, by });
  if (by === 'origin' || by === 'destination') params.set('level', $('level').value);
  const button = $('export');
  button.disabled = true;
  try {
    const response = /** @type {Response} */ (
      await api.get(`/v1/reports/export.csv?${params}`, { as: 'response' })
    );
    const disposition = response.headers.get('content-disposition') ?? '';
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `report-${by}-${from}-${to}.csv`;
    const url = URL.createObjectURL(await response.blob());
    h('a', { href: url, download: name }).click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    toast(t('export.done', { f: name }), 'ok');
  } catch (error) {
    toast(errorText(error, t), 'error');
  } finally {
    button.disabled = false;
  }
}

// ---------------------------------------------------------------------------------------------
// Shell

function showLogin() {
  source?.close();
  live = false;
  $('dashboard').hidden = true;
  $('logout').hidden = true;
  $('who').textContent = '';
  $('login').hidden = false;
  mountLogin($('login'), {
    i18n,
    session,
    loginUrl: `${passServiceBase()}/v1/auth/login`,
    roles: ['official', 'admin'],
    onLogin: showDashboard,
  });
}

function showDashboard() {
  $('login').hidden = true;
  $('dashboard').hidden = false;
  $('logout').hidden = false;
  $('who').textContent = session.get()?.claims?.usr ?? '';
  if (!$('to').value) {
    const today = new Date();
    $('to').value = isoDay(today);
    $('from').value = isoDay(new Date(today.getTime() - 6 * 86_400_000));
    $('hourly-day').value = $('to').value;
  }
  reload();
  void connectLive();
}

$('controls').addEventListener('submit', (event) => {
  event.preventDefault();
  if ($('hourly-day').value < $('from').value || $('hourly-day').value > $('to').value)
    $('hourly-day').value = $('to').value;
  reload();
  void connectLive();
});
$('level').addEventListener('change', reload);
$('hourly-checkpoint').addEventListener('change', () => void loadHourly());
$('hourly-day').addEventListener('change', () => void loadHourly());
$('export').addEventListener('click', () => void exportCsv());
$('logout').addEventListener('click', () => {
  void session.logout();
  showLogin();
});

const langButton = $('lang-toggle');
langButton.textContent = t('lang.other');
langButton.addEventListener('click', () => i18n.set(i18n.lang === 'zh' ? 'en' : 'zh'));
i18n.onChange(() => {
  langButton.textContent = t('lang.other');
  if (session.get()) renderAll();
  else showLogin();
});

i18n.apply();
if (session.get() && !session.expired()) showDashboard();
else showLogin();
