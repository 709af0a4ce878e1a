// @ts-check
// The pass on the driver's phone, held up at a checkpoint: the QR large, the facts a checkpoint
// asks about, and the pass's status in plain words. Opened from the link the enterprise sends
// (`/driver/#<secret>`): the secret is in the fragment, which the browser never sends to a server;
// the page reads the pass with it from `GET /v1/shared-passes/<secret>`, no sign-in. sw.js keeps
// the page and the last answer, so it opens again without a network. The page is drawn
// from a small store by lit-html views (views.js); an answer that a newer read overtook is dropped.
import { createI18n } from '/shared/common.js';
import { createStore, latestOnly, renderOnChange } from '/shared/store.js';
import { readSharedPass } from './api.js';
import { DRIVER_WORDS } from './dictionary.js';
import { standingOf } from './standing.js';
import { pageView } from './views.js';

const SECRET_SHAPE = /^[A-Za-z0-9_-]{22}$/;
/** The link last opened here, so the installed app (started without the fragment) finds it. */
const SECRET_KEY = 'epass.driver.secret';
/** Read the pass again this often while the page is shown (a revocation reaches the phone). */
const REFRESH_MS = 60_000;

const i18n = createI18n(DRIVER_WORDS, { followBrowser: true });
const { t } = i18n;
/** @type {import('./views.js').DriverState} */
const initial = { lang: i18n.lang, view: { kind: 'loading' } };
const store = createStore(initial);
const reads = latestOnly();

/** The secret of this visit: the fragment's, else the one opened here before. */
function findSecret() {
  const fragment = location.hash.slice(1);
  if (fragment) {
    if (!SECRET_SHAPE.test(fragment)) return { secret: null, invalid: true };
    localStorage.setItem(SECRET_KEY, fragment);
    return { secret: fragment, invalid: false };
  }
  const stored = localStorage.getItem(SECRET_KEY);
  return { secret: stored && SECRET_SHAPE.test(stored) ? stored : null, invalid: false };
}

let { secret, invalid } = findSecret();

/** The QR's picture: one object URL per SVG text, released when the text changes. */
let picture = { svg: '', url: '' };
/** @param {string} svg */
function pictureOf(svg) {
  if (picture.svg !== svg) {
    if (picture.url) URL.revokeObjectURL(picture.url);
    picture = { svg, url: URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })) };
  }
  return picture.url;
}

/** Reads the pass (sw.js answers with its copy when the network fails). */
async function load() {
  // Begun before anything is decided: a read still running for a link opened before is dropped.
  const isLatest = reads.begin();
  const reading = secret;
  if (!reading) {
    store.update({ view: { kind: invalid ? 'invalid' : 'none' } });
    return;
  }
  try {
    const answer = await readSharedPass(reading);
    if (!isLatest()) return;
    // Withdrawn, replaced or expired: forget it here too.
    if (answer.kind === 'gone' && localStorage.getItem(SECRET_KEY) === reading)
      localStorage.removeItem(SECRET_KEY);
    store.update({ view: answer });
  } catch {
    // Nothing kept and no network: keep what is on screen, if anything.
    if (isLatest() && store.get().view.kind !== 'pass') store.update({ view: { kind: 'error' } });
  }
}

/** The screen stays on while a valid pass is shown (Screen Wake Lock, where there is one). */
/** @type {WakeLockSentinel | null} */
let wakeLock = null;
/** @param {boolean} wanted */
async function keepScreenOn(wanted) {
  const api = 'wakeLock' in navigator ? navigator.wakeLock : undefined;
  try {
    if (wanted && !wakeLock && api && document.visibilityState === 'visible') {
      wakeLock = await api.request('screen');
      wakeLock.addEventListener('release', () => (wakeLock = null));
    } else if (!wanted && wakeLock) {
      await wakeLock.release();
      wakeLock = null;
    }
  } catch {
    wakeLock = null;
  }
}

/** What the state decides outside the page's body: its title and the screen's wake lock. */
function follow(/** @type {import('./views.js').DriverState} */ { view }) {
  document.title = `${t('app.title')} · e-Pass`;
  void keepScreenOn(view.kind === 'pass' && standingOf(view.pass) === 'valid');
}

i18n.onChange((lang) => store.update({ lang }));
i18n.apply();
/** @type {import('./views.js').ViewContext} */
const viewContext = {
  t,
  toggleLanguage: () => i18n.set(i18n.lang === 'zh' ? 'en' : 'zh'),
  retry: () => void load(),
  pictureOf,
};
renderOnChange(document.body, store, (state) => pageView(state, viewContext));
store.subscribe(follow);
follow(store.get());

window.addEventListener('hashchange', () => {
  ({ secret, invalid } = findSecret());
  // Another link: what was shown belongs to the one before.
  store.update({ view: { kind: 'loading' } });
  void load();
});
window.addEventListener('online', () => void load());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void load();
});
setInterval(() => {
  if (document.visibilityState === 'visible') void load();
}, REFRESH_MS);
void load();

// The page, its files and the last answer are kept by sw.js (secure contexts only). The first
// visit's answer came before the worker ran, so it is read once more through it.
if ('serviceWorker' in navigator && window.isSecureContext) {
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker
    .register('sw.js')
    .then(() => {
      if (!hadController)
        navigator.serviceWorker.addEventListener('controllerchange', () => void load(), {
          once: true,
        });
    })
    .catch(() => {});
}
