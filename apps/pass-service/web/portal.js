// @ts-check
// The enterprise portal (enterprises, reviewing officials, admins). This file wires the parts in
// portal/: the dictionary, the store (state.js), the API (api.js) and one module per view. Each
// view draws itself from the state; a change of tab, user or language draws the current view
// again, and a change of data redraws only the regions that show it (ui.js `region`).
import { createI18n, createSession, h, toast } from '/shared/common.js';
import { createPortalApi } from './portal/api.js';
import { dictionary } from './portal/dictionary.js';
import { createLists, createStore } from './portal/state.js';
import { watchLiveStatus } from './portal/live-status.js';
import { fail } from './portal/ui.js';
import { applyView } from './portal/views/apply.js';
import { auditView } from './portal/views/audit.js';
import { batchView } from './portal/views/batch.js';
import { renderAuth } from './portal/views/auth.js';
import { enterprisesView } from './portal/views/enterprises.js';
import { keysView } from './portal/views/keys.js';
import { drawDialog, openPass } from './portal/views/pass-dialog.js';
import { passListView } from './portal/views/passes.js';
import { transfersView } from './portal/views/transfers.js';
import { usersView } from './portal/views/users.js';
import { vehiclesView } from './portal/views/vehicles.js';
import { webhookView } from './portal/views/webhook.js';

/** @typedef {import('./portal/ui.js').Ctx} Ctx */
/** @typedef {import('./portal/ui.js').View} View */

/** @type {Record<string, View>} */
const VIEWS = Object.fromEntries(
  [
    passListView({ id: 'passes', labelKey: 'tab.passes' }),
    applyView,
    batchView,
    vehiclesView,
    passListView({ id: 'review', labelKey: 'tab.review', status: 'pending_review', review: true }),
    passListView({ id: 'all', labelKey: 'tab.all' }),
    enterprisesView,
    transfersView,
    auditView,
    usersView,
    keysView,
    webhookView,
  ].map((view) => [view.id, view]),
);

/**
 * The tabs of each role, the first shown after signing in.
 * @type {Record<string, string[] | undefined>}
 */
const TABS = {
  enterprise: ['passes', 'apply', 'batch', 'vehicles', 'transfers', 'webhook'],
  official: ['review', 'all', 'enterprises', 'transfers', 'audit'],
  admin: ['all', 'users', 'keys', 'enterprises', 'transfers', 'audit'],
};

const i18n = createI18n(dictionary);
const { t } = i18n;
const session = createSession();
/** @type {import('./portal/state.js').PortalState} */
const initialState = {
  /** The signed-in session (its claims), or null. */
  user: session.get(),
  tab: null,
  authMode: 'login',
  lists: {},
  /** The pass in the dialog: `{ pass, qr, qrError, revoking, onChange }`, or null. */
  dialog: null,
  /** The last key rotation, shown in the keys view. */
  rotation: null,
  /** Whether the live status stream (enterprises) is connected. */
  live: false,
  /** The enterprise's webhook as the webhook view last read it: `{ setting, loaded }`, or null. */
  webhook: null,
};
const store = createStore(initialState);
const api = createPortalApi({ session, onUnauthorized: () => signedOut(true) });

/**
 * The element `id` of index.html, which has each one this file asks for.
 * @param {string} id
 */
function element(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html has no #${id}`);
  return el;
}

const app = element('app');
const dialog = /** @type {HTMLDialogElement} */ (element('pass-dialog'));
const dialogBody = element('pass-dialog-body');
/** @type {(() => void)[]} */
let disposers = [];

/** @type {Ctx} */
const ctx = {
  t,
  i18n,
  api,
  store,
  lists: createLists(store, (error) => fail(ctx, error)),
  claims: () => store.get().user?.claims ?? {},
  navigate,
  openPass: (id, onChange) => void openPass(ctx, id, onChange),
  onDispose: (dispose) => disposers.push(dispose),
  redraw: draw,
  signedIn,
};

/** @param {import('/shared/common.js').StoredSession | null} user @returns {string} */
const roleOf = (user) => (user ? String(user.claims?.role ?? user.role ?? '') : '');

/** Shows `tab` (or the role's first) and lets it load its data. @param {string | null} tab */
function navigate(tab) {
  const tabs = TABS[roleOf(store.get().user)] ?? [];
  const next = tab !== null && tabs.includes(tab) ? tab : (tabs[0] ?? null);
  if (next) VIEWS[next].enter?.(ctx);
  if (store.get().tab === next) draw();
  else store.update({ tab: next });
}

/**
 * @param {import('/shared/common.js').StoredSession} saved
 * @param {string | null} [tab]
 */
function signedIn(saved, tab = null) {
  store.update({ user: saved, authMode: 'login' });
  navigate(tab);
}

/** Back to the login: forgets everything the last user saw and typed. @param {boolean} expired */
function signedOut(expired) {
  if (!store.get().user) return;
  if (expired) toast(t('session.expired'), 'error');
  store.clearDraft();
  store.update({ user: null, tab: null, lists: {}, dialog: null, rotation: null });
}

/** Draws the page from the state: the login, or the user's tabs and the current view. */
function draw() {
  disposers.forEach((dispose) => dispose());
  disposers = [];
  const { user, tab } = store.get();
  const who = element('who');
  element('logout').hidden = !user;
  if (!user) {
    who.textContent = '';
    app.replaceChildren(h('div', {}, renderAuth(ctx, { session })));
    return;
  }
  const role = roleOf(user);
  const tabs = TABS[role];
  if (!tabs) {
    // A session of another page's role (an officer): this page has nothing for it.
    void session.logout();
    store.update({ user: null });
    return;
  }
  who.textContent = `${user.claims?.usr ?? ''} · ${t(`role.${role}`)}`;
  const bar = h(
    'div',
    { class: 'tabs', role: 'tablist' },
    tabs.map((id) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          'aria-selected': String(id === tab),
          onclick: () => navigate(id),
        },
        t(VIEWS[id].labelKey),
      ),
    ),
  );
  const view = tab !== null && tabs.includes(tab) ? VIEWS[tab] : null;
  app.replaceChildren(bar, h('div', {}, view ? view.render(ctx) : null));
}

store.subscribe((state, previous) => {
  if (
    state.user !== previous.user ||
    state.tab !== previous.tab ||
    state.authMode !== previous.authMode
  )
    draw();
  if (state.dialog !== previous.dialog) drawDialog(ctx, dialog, dialogBody);
});
dialog.addEventListener('close', () => {
  if (store.get().dialog) store.update({ dialog: null });
});
// The session ended without this page asking (a refresh refused, or signed out in another tab).
session.onEnded((end) => signedOut(Boolean(end)));

const langButton = element('lang-toggle');
langButton.textContent = t('lang.other');
langButton.addEventListener('click', () => i18n.set(i18n.lang === 'zh' ? 'en' : 'zh'));
i18n.onChange(() => {
  langButton.textContent = t('lang.other');
  draw();
  if (store.get().dialog) drawDialog(ctx, dialog, dialogBody);
});
element('logout').addEventListener('click', () => {
  void session.logout();
  signedOut(false);
});
i18n.apply();
watchLiveStatus(ctx, session);
if (store.get().user) navigate(null);
else draw();
