// @ts-check
// What every page's state is kept in and drawn from: a store (one object, replaced on every
// change, so "did this part change?" is an identity check), a gate that drops answers arriving
// after a newer request, and `renderOnChange`, which draws a page's view with lit-html whenever
// the state changes (once per microtask, however many changes came in it). Views are functions of
// the state that return lit-html templates; text in a template binding is always a text node,
// never parsed as HTML.
import { render } from '/vendor/lit-html/lit-html.js';

/**
 * @template {Record<string, any>} S
 * @param {S} initial
 */
export function createStore(initial) {
  let state = initial;
  /** @type {Set<(state: S, previous: S) => void>} */
  const listeners = new Set();
  /** @type {(Partial<S> | ((state: S) => Partial<S>))[]} */
  const pending = [];
  let notifying = false;
  return {
    get: () => state,
    /**
     * Merges `change` (or what `change(state)` returns) into a new state and tells the listeners.
     * A change made by a listener waits until every listener has seen the current state, so no
     * listener ever sees an older state after a newer one.
     * @param {Partial<S> | ((state: S) => Partial<S>)} change
     */
    update(change) {
      pending.push(change);
      if (notifying) return;
      notifying = true;
      try {
        while (pending.length) {
          const next = pending.shift();
          const previous = state;
          state = { ...state, ...(typeof next === 'function' ? next(state) : next) };
          for (const listener of [...listeners]) {
            // One that unsubscribed meanwhile is not told.
            if (listeners.has(listener)) listener(state, previous);
          }
        }
      } finally {
        notifying = false;
      }
    },
    /** @param {(state: S, previous: S) => void} listener @returns {() => void} the unsubscribe */
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * @template {Record<string, any>} S
 * @typedef {ReturnType<typeof createStore<S>>} Store
 */

/**
 * Sequence numbers for one kind of request: `begin()` returns `isLatest()`, which stays true only
 * until the next `begin()`. An answer that arrives after a newer request was made is dropped, so a
 * slow first page can never overwrite the result of a later filter.
 */
export function latestOnly() {
  let last = 0;
  return {
    begin() {
      const mine = ++last;
      return () => mine === last;
    },
  };
}

/**
 * Draws `view(state)` into `container` now and again after every change of the store (batched:
 * one draw per microtask). lit-html updates only the parts whose values changed, so focus, caret
 * and typed text in inputs survive a redraw. Returns `redraw` (for what the state does not hold,
 * such as the language) and `stop`.
 * @template {Record<string, any>} S
 * @param {HTMLElement} container
 * @param {Store<S>} store
 * @param {(state: S) => unknown} view
 */
export function renderOnChange(container, store, view) {
  let queued = false;
  const draw = () => {
    queued = false;
    render(view(store.get()), container);
  };
  const redraw = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(draw);
  };
  const stop = store.subscribe(redraw);
  draw();
  return { redraw, stop };
}
