// @ts-check
// The parts of ECharts the dashboard draws with, and nothing else: built by
// scripts/build-pages.mjs into /vendor/echarts-<hash>.js. Bar charts on a plain grid with a legend:
// the dashboard draws its own tooltips, and has no line or pie chart, which keeps its files under
// 150 KB brotli. Sets the same global the full library does, so dashboard.js is the same either
// way; without a build, libs/platform serves the full echarts.min.js at /vendor/echarts.js instead.
import { init, use } from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridSimpleComponent, LegendPlainComponent } from 'echarts/components';
import { LegacyGridContainLabel } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridSimpleComponent, LegendPlainComponent, LegacyGridContainLabel, CanvasRenderer]);

/** @type {{ echarts?: { init: typeof init } }} */ (globalThis).echarts = { init };
