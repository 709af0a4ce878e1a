// @ts-check
// The checkpoint scanner. This file wires the parts in scanner/: the dictionary, the state
// (state.js, kept in localStorage where it must survive a reload), verify-service's API, the
// offline lists and queue, the camera and the hardware scanner, and the views, which draw the
// whole page from the state again on every change, the language's included.
import {
  createApi,
  createI18n,
  createSession,
  mountLogin,
  passServiceBase,
} from '/shared/common.js';
import { renderOnChange } from '/shared/store.js';
import { verdictTone } from './offline-verify.js';
import { createVerifyApi } from './scanner/api.js';
import { createCamera } from './scanner/camera.js';
import { dictionary } from './scanner/dictionary.js';
import { listenForHardwareScanner } from './scanner/hardware-scanner.js';
import { loadKeys, revocationVersion } from './scanner/offline-lists.js';
import { discard } from './scanner/queue.js';
import { createRecent } from './scanner/recent.js';
import { createScan } from './scanner/scan.js';
import {
  createScannerStore,
  followOtherTabs,
  listsStale,
  persist,
  userOf,
} from './scanner/state.js';
import { forgetRevocationsByPassId } from './scanner/storage.js';
import { createSync } from './scanner/sync.js';
import { pageView } from './scanner/views/page.js';
import { announcementOf } from './scanner/views/verdict.js';

/** @typedef {import('./scanner/types.js').Actions} Actions */
/** @typedef {import('./scanner/types.js').ScanRequest} ScanRequest */
/** @typedef {import('./scanner/types.js').ShownVerdict} ShownVerdict */
/** @typedef {import('./scanner/types.js').Verdict} Verdict */

const SYNC_INTERVAL_MS = 60_000;

forgetRevocationsByPassId();
const keyCount = await loadKeys();
const i18n = createI18n(dictionary);
const { t } = i18n;
// The session renews itself for the whole shift; when pass-service refuses that (account
// disabled, sign-in expired or reused), the scanner is signed out and says why, keeping its queue.
const session = createSession(localStorage, 'epass.scanner.session', {
  authBase: passServiceBase(),
});
session.onEnded(() => signedOut());
const api = createVerifyApi(createApi({ session, onUnauthorized: () => signedOut() }), (skew) =>
  persist(store, 'skew', skew),
);

const store = createScannerStore({ keyCount, revocationVersion: revocationVersion() });
followOtherTabs(store);
/** Whenever the state says nothing new but time passed: staleness, an expired session. */
const tick = () => store.update({ now: Date.now(), sessionExpired: session.expired() });
const recent = createRecent({ store, api, session, t });
const sync = createSync({ store, api, session, t, recent, onDone: tick });
const { scan, busy } = createScan({ store, api, session, t, onVerdict: showVerdict, onDone: tick });
const camera = createCamera({
  store,
  video: () => /** @type {HTMLVideoElement | null} */ (document.getElementById('video')),
  busy,
  onCode: (text) => void scan(text),
});

/**
 * Runs `fn` once the page shows the state just set: a change is drawn in a microtask queued by
 * the store's update, so one queued after it runs after the drawing.
 * @param {() => void} fn
 */
const afterDraw = (fn) => queueMicrotask(fn);
/** @param {string} id */
const focus = (id) => afterDraw(() => document.getElementById(id)?.focus());

/** @type {Actions} */
const act = {
  toggleLanguage: () => i18n.set(i18n.lang === 'zh' ? 'en' : 'zh'),
  logout() {
    void session.logout();
    showLogin();
  },
  signInAgain: () => showLogin(),
  chooseDirection: (direction) => persist(store, 'direction', direction),
  toggleCamera: () => (camera.on ? camera.stop() : void camera.start()),
  edit: (field, value) => store.update({ [field]: value }),
  submit: () => void scan(store.get().qr),
  paste() {
    navigator.clipboard.readText().then(
      (text) => {
        store.update({ qr: text });
        void scan(text);
      },
      () => focus('qr-input'),
    );
  },
  closeVerdict() {
    store.update({ verdict: null, qr: '' });
    if (!camera.on) focus('qr-input');
  },
  syncNow: () => void sync({ manual: true }),
  discard: (clientScanId) => discard(store, clientScanId),
};
const ui = () => ({ t, lang: i18n.lang, act });
const page = document.getElementById('app');
if (!page) throw new Error('index.html has no #app');
const { redraw } = renderOnChange(page, store, (state) => pageView(state, ui()));

/**
 * @param {Verdict} result
 * @param {ScanRequest} request
 */
function showVerdict(result, request) {
  const { lastSync, skew } = store.get();
  const stale = listsStale({ lastSync, now: Date.now() });
  /** @type {ShownVerdict} */
  const shown = {
    result,
    request,
    tone: verdictTone(result, { listsStale: stale, skewMs: skew }),
    listsStale: stale,
    shownAt: Date.now(),
  };
  store.update({ verdict: shown, announcement: announcementOf(shown, ui()) });
  focus('verdict-close');
  navigator.vibrate?.(shown.tone === 'accepted' ? 80 : [200, 100, 200]);
  recent.add(result, request);
  if (!result.offline) void recent.refresh();
}

function showScanner() {
  store.update({ view: 'scanner', user: userOf(session.get()?.claims) });
  tick();
}

function showLogin() {
  camera.stop();
  store.update({ view: 'login', user: null, verdict: null });
  afterDraw(mountLoginForm);
}

/** The login form (drawn by web/shared), telling how many scans wait for whom. */
function mountLoginForm() {
  const login = document.getElementById('login');
  if (!login || store.get().view !== 'login') return;
  const kept = store.get().queue;
  const who = [...new Set(kept.map((e) => e.officer?.username ?? '?'))].join(', ');
  mountLogin(login, {
    i18n,
    session,
    loginUrl: `${passServiceBase()}/v1/auth/login`,
    roles: ['officer'],
    note: kept.length ? t('signedOut.queue', { n: kept.length, who }) : undefined,
    onLogin: () => {
      showScanner();
      void sync();
    },
  });
}

/**
 * The session is over (pass-service refused to renew it, or the account is disabled): the
 * scanner stops verifying, online or offline, because nobody is signed in to answer for the scan.
 * The login says why (mountLogin) and how many scans wait; the queue is kept.
 */
function signedOut() {
  if (store.get().view !== 'login') showLogin();
}

listenForHardwareScanner({
  onCode: (text) => void scan(text),
  onEscape: () => store.get().verdict && act.closeVerdict(),
});
let resumeCamera = false;
document.addEventListener('visibilitychange', () => {
  if (document.hidden && camera.on) {
    resumeCamera = true;
    camera.stop();
  } else if (!document.hidden && resumeCamera) {
    resumeCamera = false;
    void camera.start();
  }
});
window.addEventListener('online', () => {
  store.update({ online: true });
  void sync();
});
window.addEventListener('offline', () => store.update({ online: false }));
i18n.onChange(() => {
  redraw();
  // The login form is web/shared's, drawn once: drawn again in the new language.
  if (store.get().view === 'login') mountLoginForm();
});

i18n.apply();
// The page itself must open without a network too; service workers need HTTPS or localhost.
if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('/sw.js').catch(() => {});
}
if (session.get()) {
  showScanner();
  void sync();
} else showLogin();
setInterval(() => {
  void sync();
  tick();
}, SYNC_INTERVAL_MS);
