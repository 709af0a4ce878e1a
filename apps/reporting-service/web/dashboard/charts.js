// @ts-check
// The ECharts side of the dashboard: the views make each chart's element (with `charts.ref(id)`)
// and the tooltip box after it; `charts.draw(state)` then draws each chart whose inputs changed
// since it was last drawn, into an ECharts instance made the first time its element is shown.
// The tooltip follows the pointer here, outside the views: it changes on every mouse move.
import { ref } from '/vendor/lit-html/directives/ref.js';
import { CHARTS } from './chart-options.js';

/**
 * The calls the page makes on an ECharts instance: of the build's parts (echarts-parts.js) or,
 * unbuilt, of the whole library; both set the global `echarts`.
 * @typedef {{ setOption: (option: object, notMerge?: boolean) => void, resize: () => void,
 *   getZr: () => { on: (event: 'mousemove' | 'globalout',
 *     handler: (event: { offsetX: number, offsetY: number }) => void) => void },
 *   containPixel: (finder: { gridIndex: number }, point: number[]) => boolean,
 *   convertFromPixel: (finder: { gridIndex: number }, point: number[]) => number[] }} Chart
 */

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
const GRID = { gridIndex: 0 };

/** @param {import('/shared/common.js').Translate} t */
export function createCharts(t) {
  /** @type {Map<string, HTMLElement>} */
  const elements = new Map();
  /** @type {Map<string, ReturnType<typeof ref>>} */
  const refs = new Map();
  /** @type {Map<string, Chart>} */
  const instances = new Map();
  /** @type {Map<string, import('./chart-options.js').TipText>} */
  const tips = new Map();
  /** The inputs each chart was last drawn from. @type {Map<string, unknown[]>} */
  const drawnFrom = new Map();

  window.addEventListener('resize', () => instances.forEach((c) => c.resize()));

  /** @param {string} id @param {HTMLElement} element */
  function instanceOf(id, element) {
    let instance = instances.get(id);
    if (!instance) {
      const { echarts } = /** @type {{ echarts: { init: (el: HTMLElement) => Chart } }} */ (
        /** @type {unknown} */ (globalThis)
      );
      instance = echarts.init(element);
      followPointer(id, element, instance);
      instances.set(id, instance);
    }
    return instance;
  }

  /**
   * Shows the chart's tooltip (the box after its element) beside the pointer over its grid.
   * @param {string} id
   * @param {HTMLElement} element
   * @param {Chart} instance
   */
  function followPointer(id, element, instance) {
    const box = /** @type {HTMLElement} */ (element.nextElementSibling);
    const zr = instance.getZr();
    zr.on('mousemove', ({ offsetX, offsetY }) => {
      const point = [offsetX, offsetY];
      const text = instance.containPixel(GRID, point)
        ? (tips.get(id)?.(instance.convertFromPixel(GRID, point)) ?? null)
        : null;
      box.hidden = !text;
      if (!text) return;
      box.textContent = text;
      // Beside the pointer, on the side with room (the box is inside the chart's card). Set
      // through the CSSOM, which the CSP allows, unlike a style attribute.
      const left = element.offsetLeft + offsetX;
      const right = left + 12 + box.offsetWidth > element.offsetLeft + element.offsetWidth;
      box.style.left = `${right ? left - 12 - box.offsetWidth : left + 12}px`;
      box.style.top = `${element.offsetTop + offsetY + 12}px`;
    });
    zr.on('globalout', () => {
      box.hidden = true;
    });
  }

  return {
    /**
     * The directive that hands the chart `id` its element; one per chart, so that a redraw of
     * the view does not hand it again.
     * @param {string} id
     */
    ref(id) {
      let directive = refs.get(id);
      if (!directive) {
        directive = ref((element) => {
          if (element instanceof HTMLElement) elements.set(id, element);
        });
        refs.set(id, directive);
      }
      return directive;
    },

    /**
     * Draws the charts whose inputs changed, once the views have drawn their elements; a chart
     * whose element is hidden waits (ECharts measures its element when it is made).
     * @param {import('./state.js').DashboardState} state
     */
    draw(state) {
      const font = getComputedStyle(document.body).fontFamily;
      for (const [id, spec] of Object.entries(CHARTS)) {
        const element = elements.get(id);
        if (!element?.isConnected || element.offsetParent === null) continue;
        const inputs = spec.inputs(state);
        const before = drawnFrom.get(id);
        if (before && inputs.every((value, i) => value === before[i])) continue;
        const drawing = spec.draw(state, t);
        if (!drawing) continue;
        drawnFrom.set(id, inputs);
        tips.set(id, drawing.tip);
        instanceOf(id, element).setOption(
          {
            color: COLORS,
            textStyle: { fontFamily: font },
            grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
            ...drawing.option,
          },
          true,
        );
      }
    },
  };
}
