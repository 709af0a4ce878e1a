import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from '@app/audit';
import { registerVehicleBody } from '../../apps/pass-service/src/vehicles/vehicle.schemas';
import { normalizeLicenceNumber } from '../../apps/pass-service/web/validate.js';
import { repoRoot } from '../support/test-env';

/**
 * The portal's modules (apps/pass-service/web/portal/) in Node: its words, its store's answer
 * ordering and drafts, and the checks it shares with the API. They are plain ES modules without
 * DOM use, so Jest loads them as they are (lit-html by its URL too: jest.config.js maps it to the
 * library's Node build).
 */

type Dictionary = Record<'zh' | 'en', Record<string, string>>;
interface ListState {
  items: unknown[];
  nextCursor: string | null;
  loading: boolean;
  loaded: boolean;
}
interface Store<S> {
  get(): S;
  update(change: Partial<S> | ((state: S) => Partial<S>)): void;
  subscribe(listener: (state: S, previous: S) => void): () => void;
}
interface Draft {
  values: Record<string, string | undefined>;
  busy: boolean;
  error: unknown;
}
interface SharedStoreModule {
  createStore<S>(initial: S): Store<S>;
  latestOnly(): { begin(): () => boolean };
}
interface StateModule {
  createPortalStore<S>(initial: S): Store<S> & {
    draft(key: string): Draft;
    editDraft(key: string, change: Partial<Draft>): void;
    clearDraft(key?: string): void;
  };
  createLists(
    store: Store<{ lists: Record<string, ListState> }>,
    onError: (error: unknown) => void,
  ): {
    load(
      key: string,
      fetchPage: (
        cursor: string | null,
      ) => Promise<{ items: unknown[]; nextCursor?: string | null }>,
      reset: boolean,
    ): Promise<void>;
    edit(key: string, change: (items: unknown[]) => unknown[]): void;
  };
}

const portalDir = path.join(repoRoot, 'apps', 'pass-service', 'web', 'portal');
const { dictionary } = jest.requireActual<{ dictionary: Dictionary }>(
  path.join(portalDir, 'dictionary.js'),
);
const state = jest.requireActual<StateModule>(path.join(portalDir, 'state.js'));
const shared = jest.requireActual<SharedStoreModule>(
  path.join(repoRoot, 'web', 'shared', 'store.js'),
);

/** A promise settled from outside, to decide the order in which answers arrive. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("the portal's dictionary", () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('has every key in both languages, with the same placeholders and no empty text', () => {
    expect(Object.keys(dictionary.en).sort()).toEqual(Object.keys(dictionary.zh).sort());
    for (const [key, zh] of Object.entries(dictionary.zh)) {
      const en = dictionary.en[key];
      expect([key, zh.trim().length > 0, en.trim().length > 0]).toEqual([key, true, true]);
      expect([key, placeholders(en)]).toEqual([key, placeholders(zh)]);
    }
  });

  it("names exactly libs/audit's actions and target types (the audit filters are built from it)", () => {
    const codes = (prefix: string) =>
      Object.keys(dictionary.zh)
        .filter((key) => key.startsWith(prefix))
        .map((key) => key.slice(prefix.length))
        .sort();
    expect(codes('action.')).toEqual([...AUDIT_ACTIONS].sort());
    expect(codes('target.')).toEqual([...AUDIT_TARGET_TYPES].sort());
  });

  it('has every key the portal asks for by name', () => {
    const files = [
      path.join(portalDir, '..', 'portal.js'),
      ...readdirSync(portalDir)
        .filter((f) => f.endsWith('.js'))
        .map((f) => path.join(portalDir, f)),
      ...readdirSync(path.join(portalDir, 'views')).map((f) => path.join(portalDir, 'views', f)),
    ];
    const asked = new Set<string>();
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      // t('key'), ctx.t('key') and the helpers that take a key: field, button, reasonForm, …
      for (const match of source.matchAll(/'((?:[a-z]+\.)+[a-zA-Z][\w-]*)'/g)) {
        if (!/\.(js|css|png|svg|html)$/.test(match[1])) asked.add(match[1]);
      }
    }
    expect(asked.size).toBeGreaterThan(100);
    expect([...asked].filter((key) => !(key in dictionary.zh))).toEqual([]);
  });
});

describe("the portal's store", () => {
  it('keeps the answer to the latest request when an earlier one arrives after it', async () => {
    const store = shared.createStore<{ lists: Record<string, ListState> }>({ lists: {} });
    const errors: unknown[] = [];
    const lists = state.createLists(store, (e) => errors.push(e));
    const slow = deferred<{ items: unknown[]; nextCursor: string | null }>();
    const fast = deferred<{ items: unknown[]; nextCursor: string | null }>();
    const first = lists.load('passes', () => slow.promise, true);
    const second = lists.load('passes', () => fast.promise, true);
    fast.resolve({ items: ['filtered'], nextCursor: null });
    await second;
    slow.resolve({ items: ['stale'], nextCursor: 'more' });
    await first;
    expect(store.get().lists.passes).toEqual({
      items: ['filtered'],
      nextCursor: null,
      loading: false,
      loaded: true,
    });
    // A failure of the replaced request is not reported either.
    const failing = deferred<{ items: unknown[] }>();
    const third = lists.load('passes', () => failing.promise, false);
    const fourth = lists.load('passes', () => Promise.resolve({ items: [] }), true);
    await fourth;
    failing.reject(new Error('too late'));
    await third;
    expect(errors).toEqual([]);
  });

  it('appends the next page and keeps a row removed while it was loading out', async () => {
    const store = shared.createStore<{ lists: Record<string, ListState> }>({ lists: {} });
    const lists = state.createLists(store, () => undefined);
    await lists.load('users', () => Promise.resolve({ items: [1, 2], nextCursor: 'c2' }), true);
    const cursors: (string | null)[] = [];
    const page2 = deferred<{ items: unknown[]; nextCursor: string | null }>();
    const more = lists.load(
      'users',
      (cursor) => {
        cursors.push(cursor);
        return page2.promise;
      },
      false,
    );
    expect(store.get().lists.users.loading).toBe(true);
    lists.edit('users', (items) => items.filter((x) => x !== 2));
    page2.resolve({ items: [3], nextCursor: null });
    await more;
    expect(cursors).toEqual(['c2']);
    expect(store.get().lists.users).toMatchObject({ items: [1, 3], nextCursor: null });
  });

  it('never shows a listener an older state after a newer one', () => {
    const store = shared.createStore({ n: 0 });
    const seen: number[] = [];
    // The first listener changes the state while the change before is still being told.
    store.subscribe((s) => {
      if (s.n === 1) store.update({ n: 2 });
    });
    store.subscribe((s) => seen.push(s.n));
    store.update({ n: 1 });
    expect(seen).toEqual([1, 2]);
    expect(store.get().n).toBe(2);
  });

  it('stops telling a listener once it unsubscribed, even in the middle of a change', () => {
    const store = shared.createStore({ n: 0 });
    const told: string[] = [];
    let second: () => void = () => undefined;
    store.subscribe(() => {
      told.push('first');
      second();
    });
    second = store.subscribe(() => told.push('second'));
    store.update({ n: 1 });
    expect(told).toEqual(['first']);
  });

  it('lets only the latest of several requests count', () => {
    const gate = shared.latestOnly();
    const a = gate.begin();
    const b = gate.begin();
    expect([a(), b()]).toEqual([false, true]);
  });

  it('keeps typed values without a redraw, and redraws when a draft changes what shows', () => {
    const store = state.createPortalStore({ lists: {} });
    let told = 0;
    store.subscribe(() => told++);
    store.draft('apply').values.plate = '豫B12345';
    expect(told).toBe(0);
    store.editDraft('apply', { busy: true });
    expect([told, store.draft('apply').busy, store.draft('apply').values.plate]).toEqual([
      1,
      true,
      '豫B12345',
    ]);
    store.clearDraft('apply');
    expect([told, store.draft('apply').values]).toEqual([2, {}]);
  });
});

describe('the vehicle licence number check', () => {
  it('agrees with the API on what it accepts and how it stores it', () => {
    const samples = [
      '410202-2022',
      ' ab12 cd34 ',
      'ＡＢ１２３４',
      '12',
      'x'.repeat(33),
      '4102<script>',
      '粤B-1234',
      '',
      '----',
    ];
    for (const sample of samples) {
      const api = registerVehicleBody.safeParse({
        plate: '豫B12345',
        kind: 'truck',
        licenceNumber: sample,
      });
      expect([sample, normalizeLicenceNumber(sample)]).toEqual([
        sample,
        api.success ? api.data.licenceNumber : undefined,
      ]);
    }
  });
});
