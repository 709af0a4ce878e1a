// @ts-check
// The portal's state. One object that is replaced on every change (so "did this part change?" is
// an identity check) plus the listeners told after each change; the page's regions redraw from
// it. Form drafts (what is typed, which hints are showing, whether a submit is running) live
// beside it, mutable and unobserved: typing must not redraw anything, but a redraw (a language
// switch) must find them.

/** @typedef {import('./api.js').Pass} Pass */

/**
 * A cursor-paged list as the views draw it. Its items are what the list's `fetchPage` answered
 * (lists.load): the view that loads a list knows their type.
 * @typedef {{ items: unknown[], nextCursor: string | null, loading: boolean, loaded: boolean }}
 *   ListState
 */

/**
 * A division picker's choice (ui.js divisionPicker): a code per level, or a typed code.
 * @typedef {{ province: string, city: string, county: string, code: string }} DivisionChoice
 */

/**
 * What one form or one row's actions hold across redraws: the typed values, the division
 * choices, which hints show, whether a submit runs, and what some forms keep besides (the batch
 * upload's phase and result, an application's idempotency key, a plate held by another).
 * @typedef {{ values: Record<string, string | undefined>,
 *   divisions: Record<string, DivisionChoice | undefined>, shown: Record<string, boolean>,
 *   busy: boolean, button: HTMLButtonElement | null, buttonKey: string | null, error: unknown,
 *   revokePasses?: boolean, heldPlate?: string | null, idempotencyKey?: string,
 *   phase?: 'uploading' | 'processing' | null, percent?: number,
 *   result?: import('./api.js').Batch, fileName?: string, sentFor?: string, open?: boolean }}
 *   Draft
 */

/**
 * The pass in the dialog and what the dialog learnt about it (its QR, its driver's link).
 * @typedef {{ pass: Pass, qr: Blob | null, qrError: unknown, revoking: boolean,
 *   onChange: () => void, renewing?: boolean,
 *   share?: { state?: import('./api.js').ShareState | null,
 *     created?: import('./api.js').ShareLink } }} PassDialog
 */

/**
 * The portal's state (portal.js creates it).
 * @typedef {{ user: import('/shared/common.js').StoredSession | null, tab: string | null,
 *   authMode: string, lists: Record<string, ListState>, dialog: PassDialog | null,
 *   rotation: import('./api.js').Rotation | null, live: boolean,
 *   webhook: { setting: import('./api.js').WebhookSetting | null, loaded: boolean } | null }}
 *   PortalState
 */

/** @type {ListState} */
export const EMPTY_LIST = Object.freeze({
  items: [],
  nextCursor: null,
  loading: false,
  loaded: false,
});

/**
 * @template {Record<string, any>} S
 * @param {S} initial
 */
export function createStore(initial) {
  let state = initial;
  /** @type {Set<(state: S, previous: S) => void>} */
  const listeners = new Set();
  /** @type {Map<string, Draft>} */
  let drafts = new Map();
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
            // One that unsubscribed meanwhile (its view was replaced) is not told.
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
    /** @param {string} key @returns {Draft} */
    draft(key) {
      let draft = drafts.get(key);
      if (!draft) {
        draft = {
          values: {},
          divisions: {},
          shown: {},
          busy: false,
          button: null,
          buttonKey: null,
          error: null,
        };
        drafts.set(key, draft);
      }
      return draft;
    },
    /** Forgets one form (after it was sent), or all of them (sign-out). */
    /** @param {string} [key] */
    clearDraft(key) {
      if (key === undefined) drafts = new Map();
      else drafts.delete(key);
    },
  };
}

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

/** @typedef {ReturnType<typeof createStore<PortalState>>} Store */

/**
 * The cursor-paged lists of `state.lists`, each with its own request counter.
 * @param {Store} store
 * @param {(error: unknown) => void} onError
 */
export function createLists(store, onError) {
  /** @type {Map<string, ReturnType<typeof latestOnly>>} */
  const gates = new Map();
  /** @param {string} key */
  const gate = (key) => {
    let counter = gates.get(key);
    if (!counter) {
      counter = latestOnly();
      gates.set(key, counter);
    }
    return counter;
  };
  /** @param {string} key @returns {ListState} */
  const get = (key) => store.get().lists[key] ?? EMPTY_LIST;
  /** @param {string} key @param {ListState} list */
  const set = (key, list) => store.update((s) => ({ lists: { ...s.lists, [key]: list } }));
  return {
    get,
    /**
     * Loads the first page (`reset`) or the next one; `fetchPage(cursor)` answers
     * `{ items, nextCursor }`.
     * @param {string} key
     * @param {(cursor: string | null) => Promise<{ items: unknown[], nextCursor?: string | null }>} fetchPage
     * @param {boolean} reset
     */
    async load(key, fetchPage, reset) {
      const isLatest = gate(key).begin();
      const before = reset ? EMPTY_LIST : get(key);
      set(key, { ...before, loading: true });
      try {
        const page = await fetchPage(reset ? null : before.nextCursor);
        if (!isLatest()) return;
        // The current items, not `before`'s: a row approved meanwhile stays gone.
        set(key, {
          items: [...(reset ? [] : get(key).items), ...page.items],
          nextCursor: page.nextCursor ?? null,
          loading: false,
          loaded: true,
        });
      } catch (error) {
        if (!isLatest()) return;
        set(key, { ...before, loading: false, loaded: true });
        onError(error);
      }
    },
    /**
     * Merges `change` into the item `id` (a pass whose status changed) in every list that holds
     * it, in place; lists without it are left as they are.
     * @param {string} id
     * @param {Record<string, unknown>} change
     */
    patchEverywhere(id, change) {
      /** @param {unknown} item @returns {item is object} */
      const isIt = (item) =>
        typeof item === 'object' && item !== null && 'id' in item && item.id === id;
      for (const [key, list] of Object.entries(store.get().lists)) {
        if (!list.items.some(isIt)) continue;
        set(key, { ...list, items: list.items.map((i) => (isIt(i) ? { ...i, ...change } : i)) });
      }
    },
    /**
     * Changes the items in place (an approved row leaves, a created one arrives); `T` is what the
     * list's fetchPage answers.
     * @template T
     * @param {string} key
     * @param {(items: T[]) => T[]} change
     */
    edit(key, change) {
      const list = get(key);
      set(key, { ...list, items: change(/** @type {T[]} */ (list.items)) });
    },
  };
}
