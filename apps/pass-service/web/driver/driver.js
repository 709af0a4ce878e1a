// @ts-check
// The pass on the driver's phone, held up at a checkpoint: the QR large, the facts a checkpoint
// asks about, and the pass's status in plain words. Opened from the link the enterprise sends
// (`/driver/#<secret>`): the secret is in the fragment, which the browser never sends to a server;
// the page reads the pass with it from `GET /v1/shared-passes/<secret>`, no sign-in. sw.js keeps
// the page and the last answer, so it opens again without a network. Everything from the API is
// set as text (the shared `h`), the QR picture as an image of the server's SVG, never as markup.
import { CARGO_LABELS, createI18n, formatTime, h } from '/shared/common.js';

const SECRET_SHAPE = /^[A-Za-z0-9_-]{22}$/;
/** The link last opened here, so the installed app (started without the fragment) finds it. */
const SECRET_KEY = 'epass.driver.secret';
/** Read the pass again this often while the page is shown (a revocation reaches the phone). */
const REFRESH_MS = 60_000;
/** Set by sw.js on an answer it kept from earlier, because the network failed. */
const FROM_CACHE_HEADER = 'x-epass-offline-copy';

const dict = {
  zh: {
    'app.title': '电子通行证',
    'lang.other': 'English',
    loading: '正在读取通行证…',
    'status.valid': '有效',
    'status.validHint': '请向检查站工作人员出示二维码',
    'status.notYet': '尚未生效',
    'status.notYetHint': '{from} 起有效',
    'status.expired': '已过期',
    'status.expiredHint': '有效期至 {until}，已不能使用',
    'status.revoked': '已撤销',
    'status.revokedHint': '此通行证已于 {at} 被撤销，不能通行。请联系所属企业。',
    'status.other': '不可使用',
    'status.otherHint': '此通行证当前状态为 {status}，不能通行。',
    brightness: '☀ 出示前请把屏幕亮度调到最高',
    qrAlt: '通行证二维码 {pn}',
    plate: '车牌',
    trailer: '挂车',
    passNumber: '通行证编号',
    route: '线路',
    valid: '有效期',
    cargo: '货物',
    tonnage: '吨位',
    enterprise: '企业',
    crossProvince: '跨省',
    offline: '离线显示：{at} 时的信息',
    checked: '已于 {at} 核对',
    'gone.title': '链接已失效',
    'gone.text': '此链接已被撤回、已被新链接替换，或通行证已到期。请向所属企业索取新链接。',
    'invalid.title': '链接不完整',
    'invalid.text': '请完整打开企业发送的链接（含 # 号后的部分）。',
    'none.title': '没有通行证',
    'none.text': '请打开所属企业发送的通行证链接。',
    'error.title': '暂时无法读取通行证',
    'error.text': '请检查网络后重试。',
    retry: '重试',
  },
  en: {
    'app.title': 'e-Pass',
    'lang.other': '中文',
    loading: 'Loading the pass…',
    'status.valid': 'Valid',
    'status.validHint': 'Show the QR code to the checkpoint staff',
    'status.notYet': 'Not yet valid',
    'status.notYetHint': 'Valid from {from}',
    'status.expired': 'Expired',
    'status.expiredHint': 'It was valid until {until} and can no longer be used',
    'status.revoked': 'Revoked',
    'status.revokedHint':
      'This pass was revoked at {at} and does not allow passage. Contact your enterprise.',
    'status.other': 'Not usable',
    'status.otherHint': 'This pass is {status} and does not allow passage.',
    brightness: '☀ Turn the screen brightness up before showing the code',
    qrAlt: 'QR code of pass {pn}',
    plate: 'Plate',
    trailer: 'Trailer',
    passNumber: 'Pass number',
    route: 'Route',
    valid: 'Valid',
    cargo: 'Cargo',
    tonnage: 'Tonnage',
    enterprise: 'Enterprise',
    crossProvince: 'cross-province',
    offline: 'Offline: as of {at}',
    checked: 'Checked at {at}',
    'gone.title': 'This link no longer works',
    'gone.text':
      'It was withdrawn, replaced by a newer link, or the pass has expired. Ask your enterprise for a new link.',
    'invalid.title': 'Incomplete link',
    'invalid.text': 'Open the whole link your enterprise sent (including the part after #).',
    'none.title': 'No pass',
    'none.text': 'Open the pass link your enterprise sent you.',
    'error.title': 'The pass cannot be read right now',
    'error.text': 'Check the network and try again.',
    retry: 'Try again',
  },
};

const i18n = createI18n(dict, { followBrowser: true });
const { t } = i18n;
const main = /** @type {HTMLElement} */ (document.getElementById('pass'));
const langButton = /** @type {HTMLButtonElement} */ (document.getElementById('lang-toggle'));

/**
 * What the page shows; `render` draws it whole, again on a change of language or data.
 * @typedef {{ kind: 'loading' | 'none' | 'invalid' | 'gone' | 'error' } |
 *   { kind: 'pass', pass: SharedPass, offline: boolean }} View
 * @typedef {{ passNumber: string | null, status: string, plate: string,
 *   trailerPlate: string | null, enterpriseName: string, cargoCategory: string,
 *   cargoDescription: string | null, tonnage: string, originName: string,
 *   originDivision: string, destinationName: string, destinationDivision: string,
 *   crossProvince: boolean, validFrom: string, validUntil: string, revokedAt: string | null,
 *   qr: { token: string, svg: string } | null, checkedAt: string }} SharedPass
 */
/** @type {View} */
let view = { kind: 'loading' };

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

const time = (/** @type {string | null} */ iso) => formatTime(iso, i18n.lang);

/** @param {SharedPass} pass */
function statusOf(pass, now = Date.now()) {
  if (pass.status === 'revoked') return 'revoked';
  if (pass.status !== 'issued') return 'other';
  if (now >= Date.parse(pass.validUntil)) return 'expired';
  if (now < Date.parse(pass.validFrom)) return 'notYet';
  return 'valid';
}

/** @param {SharedPass} pass @param {boolean} offline */
function drawPass(pass, offline) {
  const status = statusOf(pass);
  // A revoked or expired pass gives nothing to scan, even from a copy kept offline.
  const qr = status === 'valid' || status === 'notYet' ? pass.qr : null;
  const hint = t(`status.${status}Hint`, {
    from: time(pass.validFrom),
    until: time(pass.validUntil),
    at: time(pass.revokedAt),
    status: pass.status,
  });
  const facts = /** @type {[string, string | null][]} */ ([
    ['passNumber', pass.passNumber],
    [
      'route',
      `${pass.originName} → ${pass.destinationName}${pass.crossProvince ? ` (${t('crossProvince')})` : ''}`,
    ],
    ['valid', `${time(pass.validFrom)} – ${time(pass.validUntil)}`],
    [
      'cargo',
      `${CARGO_LABELS[pass.cargoCategory]?.[i18n.lang] ?? pass.cargoCategory}${pass.cargoDescription ? ` · ${pass.cargoDescription}` : ''}`,
    ],
    ['tonnage', `${pass.tonnage} t`],
    ['enterprise', pass.enterpriseName],
  ]).filter(([, value]) => value);
  return [
    h(
      'section',
      { id: 'status', class: `status status-${status}`, role: 'status' },
      h('strong', { class: 'status-word' }, t(`status.${status}`)),
      h('span', { class: 'status-hint' }, hint),
    ),
    qr
      ? h(
          'figure',
          { class: 'qr' },
          h('img', {
            id: 'qr',
            src: pictureOf(qr.svg),
            alt: t('qrAlt', { pn: pass.passNumber ?? '' }),
          }),
          h('figcaption', { class: 'brightness' }, t('brightness')),
        )
      : null,
    h(
      'p',
      { class: 'plates' },
      h('span', { class: 'plate', id: 'plate', 'aria-label': t('plate') }, pass.plate),
      pass.trailerPlate
        ? h('span', { class: 'plate plate-trailer', 'aria-label': t('trailer') }, pass.trailerPlate)
        : null,
    ),
    h(
      'dl',
      { class: 'facts' },
      facts.map(([key, value]) => [h('dt', {}, t(key)), h('dd', {}, value)]),
    ),
    h(
      'p',
      { id: 'freshness', class: offline ? 'freshness offline' : 'freshness' },
      t(offline ? 'offline' : 'checked', { at: time(pass.checkedAt) }),
    ),
  ];
}

/** @param {Exclude<View['kind'], 'pass'>} kind */
function drawMessage(kind) {
  return h(
    'section',
    { class: `message message-${kind}`, role: kind === 'loading' ? 'status' : 'alert' },
    kind === 'loading' ? h('p', {}, t('loading')) : h('h2', {}, t(`${kind}.title`)),
    kind === 'loading' ? null : h('p', {}, t(`${kind}.text`)),
    kind === 'error'
      ? h('button', { type: 'button', class: 'btn btn-primary', onclick: () => load() }, t('retry'))
      : null,
  );
}

function render() {
  document.title = `${t('app.title')} · e-Pass`;
  langButton.textContent = t('lang.other');
  main.replaceChildren(
    ...[view.kind === 'pass' ? drawPass(view.pass, view.offline) : drawMessage(view.kind)]
      .flat()
      .filter((node) => node !== null),
  );
  void keepScreenOn(view.kind === 'pass' && statusOf(view.pass) === 'valid');
}

/** @param {View} next */
function show(next) {
  view = next;
  render();
}

/** @type {Promise<void> | null} */
let loading = null;
/** Reads the pass (sw.js answers with its copy when the network fails). */
function load() {
  if (!secret) return show({ kind: invalid ? 'invalid' : 'none' });
  loading ??= (async () => {
    try {
      const response = await fetch(`/v1/shared-passes/${secret}`, {
        headers: { accept: 'application/json' },
        cache: 'no-store',
      });
      if (response.status === 404) {
        // Withdrawn, replaced or expired: forget it here too.
        if (localStorage.getItem(SECRET_KEY) === secret) localStorage.removeItem(SECRET_KEY);
        return show({ kind: 'gone' });
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      /** @type {unknown} */
      const answer = await response.json();
      const pass = /** @type {SharedPass} */ (answer);
      show({ kind: 'pass', pass, offline: response.headers.has(FROM_CACHE_HEADER) });
    } catch {
      // Nothing kept and no network: keep what is on screen, if anything.
      if (view.kind !== 'pass') show({ kind: 'error' });
    } finally {
      loading = null;
    }
  })();
  return loading;
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

langButton.addEventListener('click', () => i18n.set(i18n.lang === 'zh' ? 'en' : 'zh'));
i18n.onChange(render);
window.addEventListener('hashchange', () => {
  ({ secret, invalid } = findSecret());
  void load();
});
window.addEventListener('online', () => void load());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void load();
});
setInterval(() => {
  if (document.visibilityState === 'visible') void load();
}, REFRESH_MS);

i18n.apply();
render();
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
