// @ts-check
// The enterprise portal (enterprises, reviewing officials, admins). This file wires the parts in
// portal/: the dictionary, the store (state.js), the API (api.js) and one module per view. The
// whole page is one lit-html view of the state: every change, and every change of language,
// draws it again, and lit-html touches only what differs (typed text and focus stay).
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { keyed } from '/vendor/lit-html/directives/keyed.js';
import { ref } from '/vendor/lit-html/directives/ref.js';
import { createI18n, createSession, toast } from '/shared/common.js';
import { renderOnChange } from '/shared/store.js';
import { createPortalApi } from './portal/api.js';
import { dictionary } from './portal/dictionary.js';
import { createLists, createPortalStore } from './portal/state.js';
import { watchLiveStatus } from './portal/live-status.js';
import { fail } from './portal/ui.js';
import { applyView } from './portal/views/apply.js';
import { auditView } from './portal/views/audit.js';
import { batchView } from './portal/views/batch.js';
import { createAuthView } from './portal/views/auth.js';
import { enterprisesView } from './portal/views/enterprises.js';
import { keysView } from './portal/views/keys.js';
import { dialogView, openPass } from './portal/views/pass-dialog.js';
import { passListView } from './portal/views/passes.js';
import { transfersView } from './portal/views/transfers.js';
import { usersView } from './portal/views/users.js';
import { vehiclesView } from './portal/views/vehicles.js';
import { webhookView } from './portal/views/webhook.js';

/** @typedef {import('./portal/ui.js').Ctx} Ctx */
/** @typedef {import('./portal/ui.js').View} View */
/** @typedef {import('./portal/state.js').PortalState} PortalState */
/** @typedef {import('/shared/common.js').StoredSession} StoredSession */

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

/** @param {StoredSession | null} user @returns {string} */
const roleOf = (user) => (user ? String(user.claims?.role ?? user.role ?? '') : '');

/**
 * The element `id` of index.html, which has each one this file asks for.
 * @param {string} id
 */
function element(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html has no #${id}`);
  return el;
}

const i18n = createI18n(dictionary);
const { t } = i18n;
const session = createSession();
/**
 * A session of another page's role (an officer): this page has nothing for it.
 * @param {StoredSession | null} user
 */
function accepted(user) {
  if (!user || TABS[roleOf(user)]) return user;
  void session.logout();
  return null;
}

const store = createPortalStore({
  user: accepted(session.get()),
  tab: null,
  authMode: 'login',
  lists: {},
  dialog: null,
  rotation: null,
  live: false,
  webhook: null,
  divisions: {},
});
const api = createPortalApi({ session, onUnauthorized: () => signedOut(true) });

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
  signedIn,
};

/** Shows `tab` (or the role's first) and lets it load its data. @param {string | null} tab */
function navigate(tab) {
  const tabs = TABS[roleOf(store.get().user)] ?? [];
  const next = tab !== null && tabs.includes(tab) ? tab : (tabs[0] ?? null);
  if (next) VIEWS[next].enter?.(ctx);
  store.update({ tab: next });
}

/** @param {StoredSession} saved @param {string | null} [tab] */
function signedIn(saved, tab = null) {
  store.update({ user: accepted(saved), authMode: 'login' });
  navigate(tab);
}

/** Back to the login: forgets everything the last user saw and typed. @param {boolean} expired */
function signedOut(expired) {
  if (!store.get().user) return;
  if (expired) toast(t('session.expired'), 'error');
  store.clearDraft();
  store.update({ user: null, tab: null, lists: {}, dialog: null, rotation: null });
}

/**
 * Opens or closes the <dialog> as the state says (showModal is a call, not an attribute). The
 * page hands it to `ref` as a new arrow on every draw, so lit-html calls it on every draw. It
 * opens once the draw is done, so that the dialog focuses the first control of its content.
 * @param {Element | undefined} el
 * @param {boolean} wanted
 */
const dialogFollows = (el, wanted) => {
  if (!(el instanceof HTMLDialogElement)) return;
  if (!wanted && el.open) el.close();
  if (wanted && !el.open) queueMicrotask(() => el.isConnected && !el.open && el.showModal());
};

/**
 * The signed-in part: the role's tabs and the current one's view. Each tab draws into fresh
 * elements (keyed by the tab), as its forms are not the last tab's.
 * @param {string[]} tabs
 * @param {string | null} tab
 */
const signedInView = (tabs, tab) => {
  const view = tab !== null && tabs.includes(tab) ? VIEWS[tab] : null;
  return html`<div class="tabs" role="tablist">
      ${tabs.map(
        (id) =>
          html`<button
            type="button"
            role="tab"
            aria-selected=${String(id === tab)}
            @click=${() => navigate(id)}
          >
            ${t(VIEWS[id].labelKey)}
          </button>`,
      )}
    </div>
    <div>${view ? keyed(view.id, view.render(ctx)) : nothing}</div>`;
};

const authView = createAuthView(ctx, { session });

/** The page, from the state: the top bar, the login or the user's tabs, and the pass dialog. */
/** @param {PortalState} state */
function page(state) {
  const { user } = state;
  const role = roleOf(user);
  const tabs = TABS[role];
  return html`<header class="topbar">
      <h1>${t('app.title')}</h1>
      <span class="who" id="who">
        ${user && tabs ? `${user.claims?.usr ?? ''} · ${t(`role.${role}`)}` : ''}
      </span>
      <button
        type="button"
        id="lang-toggle"
        aria-label=${t('lang.aria')}
        @click=${() => i18n.set(i18n.lang === 'zh' ? 'en' : 'zh')}
      >
        ${t('lang.other')}
      </button>
      <button
        type="button"
        id="logout"
        ?hidden=${!user}
        @click=${() => {
          void session.logout();
          signedOut(false);
        }}
      >
        ${t('logout')}
      </button>
    </header>
    <main id="app">${user && tabs ? signedInView(tabs, state.tab) : authView()}</main>
    <dialog
      id="pass-dialog"
      aria-labelledby="pass-dialog-title"
      @close=${() => {
        if (store.get().dialog) store.update({ dialog: null });
      }}
      ${ref((el) => dialogFollows(el, state.dialog !== null))}
    >
      ${dialogView(ctx, state.dialog)}
    </dialog>`;
}

const { redraw } = renderOnChange(element('page'), store, page);
// The language is not in the state: switching it draws the page again.
i18n.onChange(redraw);
// The session ended without this page asking (a refresh refused, or signed out in another tab).
session.onEnded((end) => signedOut(Boolean(end)));
i18n.apply();
watchLiveStatus(ctx, session);
if (store.get().user) navigate(null);
