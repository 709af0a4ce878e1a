// @ts-check
// The parts of ECharts the dashboard draws with, and nothing else: built by
// scripts/build-pages.mjs into /vendor/echarts-<hash>.js (about a third of the full library).
// Sets the same global the full library does, so dashboard.js is the same either way; without a
// build, libs/platform serves the full echarts.min.js at /vendor/echarts.js instead.
import { init, use } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { LegacyGridContainLabel } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  LegacyGridContainLabel,
  CanvasRenderer,
]);

/** @type {any} */ (globalThis).echarts = { init };
