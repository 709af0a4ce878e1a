// @ts-check
// What each chart draws, as a function of the dashboard's state: an ECharts option (bars only,
// so that the dashboard's ECharts build stays small, echarts-parts.js) and the text of its
// tooltip at a point. The tooltips are the page's own and text only: no markup from the data, and
// ECharts' own tooltip markup carries style attributes, which the page's CSP refuses.
import { labelOf } from '/shared/common.js';
import { CARGO_CATEGORY_LABELS, SCAN_REJECTION_REASON_LABELS } from '/shared/labels.js';
import {
  countText,
  daysBetween,
  plotNumber,
  shareText,
  tonsOf,
  tonsText,
  totalsBy,
} from './figures.js';

/** @typedef {import('./state.js').DashboardState} DashboardState */
/** @typedef {import('/shared/common.js').Translate} Translate */
/**
 * What a chart's tooltip says at a point given in the chart's data coordinates ([x, y]: a
 * category axis gives the category's index); null for nothing.
 * @typedef {(point: number[]) => string | null} TipText
 */
/** @typedef {{ option: Record<string, unknown>, tip: TipText }} Drawing */
/**
 * A chart: the parts of the state it shows (it is drawn again only when one of them changed) and
 * how it draws them; null while its report has not come.
 * @typedef {{ inputs: (state: DashboardState) => unknown[],
 *   draw: (state: DashboardState, t: Translate) => Drawing | null }} ChartSpec
 */

/** Horizontal bars carry their label to the right of the bar: containLabel leaves that out. */
const barLabelGrid = { left: 8, top: 36, bottom: 8, containLabel: true };
/** A chart with a legend above its grid. */
const legendGrid = { left: 8, right: 8, top: 40, bottom: 8, containLabel: true };

/**
 * A horizontal bar per entry, in the order given: its name on the axis, its label beside it (the
 * value unless given), and its tip under the pointer.
 * @param {{ name: string, value: number, label?: string, tip: string }[]} entries
 * @param {import('/shared/common.js').Lang} lang
 * @param {string} [color]
 * @returns {Drawing}
 */
function bars(entries, lang, color) {
  const labelOfBar = (/** @type {number} */ i) =>
    entries[i]?.label ?? countText(entries[i]?.value ?? 0, lang);
  // Room on the right for the longest label beside its bar (about 7 px a character).
  const longest = Math.max(0, ...entries.map((_, i) => labelOfBar(i).length));
  return {
    option: {
      grid: { ...barLabelGrid, right: 16 + 7 * longest },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: entries.map((b) => b.name) },
      series: [
        {
          type: 'bar',
          data: entries.map((b) => b.value),
          ...(color ? { color } : {}),
          label: {
            show: true,
            position: 'right',
            formatter: (/** @type {{ dataIndex: number }} */ p) => labelOfBar(p.dataIndex),
          },
        },
      ],
    },
    tip: ([, y]) => entries[y]?.tip ?? null,
  };
}

/**
 * A ranked chart of passes: each bar's name, its passes, and a tip with the declared tonnage (the
 * exact string, never a float).
 * @param {{ name: string, detail: string, passes: number, tons: string }[]} ranked
 * @param {DashboardState} state
 * @param {Translate} t
 */
function rankedBars(ranked, { lang }, t) {
  return bars(
    ranked.map((r) => ({
      name: r.name,
      value: r.passes,
      tip: `${r.detail}\n${t('s.passes')}: ${countText(r.passes, lang)}\n${t('s.tonnage')}: ${tonsText(r.tons)}`,
    })),
    lang,
  );
}

/**
 * The ten regions with the most passes in a daily report by origin or destination.
 * @param {'origin' | 'destination'} side
 * @returns {ChartSpec}
 */
const regionChart = (side) => ({
  inputs: (s) => [s[side], s.lang],
  draw(s, t) {
    const report = s[side];
    if (!report) return null;
    const top = totalsBy(report.rows, (r) => r.group)
      .filter((r) => r.key && r.passesIssued > 0)
      .sort((a, b) => b.passesIssued - a.passesIssued)
      .slice(0, 10);
    return rankedBars(
      top.map((r) => ({
        name: r.name ?? r.key ?? '',
        detail: `${r.name ?? r.key} (${r.key})`,
        passes: r.passesIssued,
        tons: tonsOf(r.tonnageDeclaredKg),
      })),
      s,
      t,
    );
  },
});

/** @type {Record<string, ChartSpec>} the charts by the id of their element */
export const CHARTS = {
  'chart-daily': {
    inputs: (s) => [s.cargo, s.lang],
    draw({ cargo, lang }, t) {
      if (!cargo) return null;
      const days = daysBetween(cargo.from, cargo.to);
      const perDay = new Map(totalsBy(cargo.rows, (r) => r.day).map((d) => [d.key, d]));
      const rows = days.map((day) => perDay.get(day));
      return {
        option: {
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
        tip: ([x]) => {
          const day = days[x];
          if (!day) return null;
          const row = perDay.get(day);
          return `${day}\n${t('s.passes')}: ${countText(row?.passesIssued ?? 0, lang)}\n${t('s.tonnage')}: ${tonsText(row ? tonsOf(row.tonnageDeclaredKg) : '0.000')}`;
        },
      };
    },
  },

  // The cargo categories by passes, most first, each with its share and its declared tonnage.
  'chart-cargo': {
    inputs: (s) => [s.cargo, s.lang],
    draw({ cargo, lang }, t) {
      if (!cargo) return null;
      const totals = totalsBy(cargo.rows, (r) => r.group)
        .filter((c) => c.key && c.passesIssued > 0)
        .sort((a, b) => b.passesIssued - a.passesIssued);
      const all = totals.reduce((sum, c) => sum + c.passesIssued, 0);
      return bars(
        totals.map((c) => {
          const name = labelOf(CARGO_CATEGORY_LABELS, c.key ?? '', lang);
          const share = shareText(c.passesIssued, all);
          const passes = countText(c.passesIssued, lang);
          return {
            name,
            value: c.passesIssued,
            label: `${passes} (${share})`,
            tip: `${name}\n${t('s.passes')}: ${passes} (${share})\n${t('s.tonnage')}: ${tonsText(tonsOf(c.tonnageDeclaredKg))}`,
          };
        }),
        lang,
      );
    },
  },

  // Cross-province passes beside those within a province, each with its share.
  'chart-cross': {
    inputs: (s) => [s.summary, s.lang],
    draw({ summary, lang }, t) {
      if (!summary) return null;
      /** @param {string} name @param {number} n */
      const bar = (name, n) => {
        const label = `${countText(n, lang)} (${shareText(n, summary.passesIssued)})`;
        return { name, value: n, label, tip: `${name}: ${label}` };
      };
      return bars(
        [
          bar(t('s.cross'), summary.crossProvincePasses),
          bar(t('s.inProvince'), summary.passesIssued - summary.crossProvincePasses),
        ],
        lang,
      );
    },
  },

  'chart-origin': regionChart('origin'),
  'chart-destination': regionChart('destination'),

  // The busiest origin → destination pairs, as /v1/reports/flows ranks them (same level as the
  // regions).
  'chart-flows': {
    inputs: (s) => [s.flows, s.lang],
    draw(s, t) {
      if (!s.flows) return null;
      return rankedBars(
        s.flows.rows.map((r) => {
          const name = `${r.origin.name ?? r.origin.code} → ${r.destination.name ?? r.destination.code}`;
          return { name, detail: name, passes: r.passesIssued, tons: r.tonnageDeclared };
        }),
        s,
        t,
      );
    },
  },

  'chart-hourly': {
    inputs: (s) => [s.summary !== null, s.hourly, s.lang],
    draw({ summary, hourly, lang }, t) {
      if (!summary) return null;
      const hours = hourly?.hours ?? [];
      return {
        option: {
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
        tip: ([x]) => {
          const row = hours[x];
          if (!row) return null;
          return `${String(row.hour).padStart(2, '0')}:00\n${t('s.accepted')}: ${countText(row.scansAccepted, lang)}\n${t('s.rejected')}: ${countText(row.scansRejected, lang)}\n${t('s.clone')}: ${countText(row.cloneFlags, lang)}\n${t('t.tonnage')}: ${tonsText(row.tonnageThroughCheckpoints)}`;
        },
      };
    },
  },

  'chart-reasons': {
    inputs: (s) => [s.summary, s.lang],
    draw({ summary, lang }) {
      if (!summary) return null;
      return bars(
        Object.entries(summary.rejectedByReason ?? {}).map(([reason, n]) => {
          const name = labelOf(SCAN_REJECTION_REASON_LABELS, reason, lang);
          return { name, value: n, tip: `${name} (${reason}): ${countText(n, lang)}` };
        }),
        lang,
        '#c62828',
      );
    },
  },
};
