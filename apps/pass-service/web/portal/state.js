// @ts-check
// The portal's state: web/shared's store (one object, replaced on every change) holding who is
// signed in, the tab, the lists and the dialog, and beside it the form drafts (what is typed,
// which hints show, whether a submit runs), which the views read when they draw.
import { createStore, latestOnly } from '/shared/store.js';

/** @typedef {import('./api.js').Pass} Pass */

/**
 * A cursor-paged list as the views draw it. Its items are what the list's `fetchPage` answered
 * (lists.load): the view that loads a list knows their type.
 * @typedef {{ items: unknown[], nextCursor: string | null, loading: boolean, loaded: boolean }}
 *   ListState
 */

/**
 * A division picker's choice (divisions.js divisionPicker): a code per level, or a typed code.
 * @typedef {{ province: string, city: string, county: string, code: string }} DivisionChoice
 */

/**
 * What one form or one row's actions hold across redraws: the typed values, the division
 * choices, which hints show, whether a submit runs, and what some forms keep besides (the batch
 * upload's phase and result, an application's idempotency key, a plate held by another).
 * @typedef {{ values: Record<string, string | undefined>,
 *   divisions: Record<string, DivisionChoice | undefined>, shown: Record<string, boolean>,
 *   busy: boolean, error: unknown,
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
 *     created?: import('./api.js').ShareLink | null } }} PassDialog
 */

/**
 * The portal's state (portal.js creates it). `divisions`: the lists of the division pickers by
 * their parent's code ('' for the provinces), or why asking for one failed.
 * @typedef {{ user: import('/shared/common.js').StoredSession | null, tab: string | null,
 *   authMode: string, lists: Record<string, ListState>, dialog: PassDialog | null,
 *   rotation: import('./api.js').Rotation | null, live: boolean,
 *   webhook: { setting: import('./api.js').WebhookSetting | null, loaded: boolean } | null,
 *   divisions: Record<string, import('./api.js').Division[] | { error: unknown } | undefined> }}
 *   PortalState
 */

/** @type {ListState} */
export const EMPTY_LIST = Object.freeze({
  items: [],
  nextCursor: null,
  loading: false,
  loaded: false,
});

/** @returns {Draft} */
const emptyDraft = () => ({ values: {}, divisions: {}, shown: {}, busy: false, error: null });

/**
 * The page's store (web/shared's) with the portal's form drafts beside its state. Typing writes
 * a draft's values directly, without a redraw (the input already shows what was typed; its
 * `live` binding keeps it on the next draw). A change that must show (a hint, a busy button, an
 * error, a cleared form) goes through `editDraft` or `clearDraft`, which tell the listeners, so
 * the page draws again.
 * @param {PortalState} initial
 */
export function createPortalStore(initial) {
  const store = createStore(initial);
  /** @type {Map<string, Draft>} */
  let drafts = new Map();
  // The drafts are outside the state object; an empty change tells the listeners they changed.
  const changed = () => store.update({});
  /** @param {string} key @returns {Draft} */
  const draft = (key) => {
    let found = drafts.get(key);
    if (!found) {
      found = emptyDraft();
      drafts.set(key, found);
    }
    return found;
  };
  return {
    ...store,
    draft,
    /**
     * Merges `change` (or what `change(draft)` returns) into the draft `key` and redraws.
     * @param {string} key
     * @param {Partial<Draft> | ((draft: Draft) => Partial<Draft>)} change
     */
    editDraft(key, change) {
      const found = draft(key);
      Object.assign(found, typeof change === 'function' ? change(found) : change);
      changed();
    },
    /** Forgets one form (after it was sent), or all of them (sign-out), and redraws. */
    /** @param {string} [key] */
    clearDraft(key) {
      if (key === undefined) drafts = new Map();
      else drafts.delete(key);
      changed();
    },
  };
}

/** @typedef {ReturnType<typeof createPortalStore>} Store */

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
