// @ts-check
import {
  ApiError,
  NetworkError,
  createApi,
  createI18n,
  createSession,
  errorText,
  formatTime,
  h,
  labelOf,
  mountLogin,
  passServiceBase,
  toast,
  uuid,
} from '/shared/common.js';
import { CARGO_CATEGORY_LABELS, SCAN_REJECTION_REASON_LABELS } from '/shared/labels.js';
import {
  DEFAULT_LEEWAY_SECONDS,
  SKEW_WARN_MS,
  STALE_AFTER_MS,
  applyRevocationDelta,
  clockSkewMs,
  importTrustedKeys,
  keysStaleFor,
  parsePlate,
  verdictTone,
  verifyPassOffline,
} from './offline-verify.js';

const SAME_CODE_DEBOUNCE_MS = 3000;
const SYNC_INTERVAL_MS = 60_000;
const VERIFY_TIMEOUT_MS = 5000;

const dict = {
  zh: {
    'app.title': '检查站扫码核验',
    'lang.aria': '切换语言',
    'lang.other': 'English',
    logout: '退出',
    'err.network': '网络不可用',
    'direction.label': '方向',
    'direction.entry': '进 入',
    'direction.exit': '驶 出',
    'camera.off': '摄像头未开启',
    'camera.start': '开启摄像头扫码',
    'camera.stop': '关闭摄像头',
    'camera.scanning': '请将二维码对准框内',
    'camera.denied': '无法使用摄像头：{e}。可改用扫码枪或粘贴。',
    'camera.insecure': '摄像头需要 HTTPS 或 localhost 访问本页',
    'manual.label': '扫码枪 / 粘贴二维码内容',
    'manual.placeholder': '扫码枪扫描后自动提交',
    'manual.paste': '粘贴',
    'manual.submit': '核验',
    'plate.label': '实际车牌（选填）',
    'plate.hint': '填写后将与通行证车牌比对',
    'plate.invalid': '不是有效的车牌号',
    'plate.ok': '将比对 {plate}',
    'trailer.label': '挂车号牌（选填）',
    'trailer.invalid': '不是有效的挂车号牌',
    'recent.title': '最近扫码',
    'recent.empty': '暂无记录',
    'recent.queued': '待上传',
    'recent.failed': '上传被拒',
    'recent.discard': '删除',
    'sync.now': '立即同步',
    'sync.done': '已同步',
    'status.online': '在线',
    'status.offline': '离线',
    'status.lastSync': '上次同步 {t}',
    'status.never': '尚未同步',
    'status.queue': '待上传 {n} 条',
    'status.keys': '密钥 {n} 个 · 撤销名单 v{v}',
    'status.checkpoint': '检查站 {cp}',
    'warn.stale': '密钥和撤销名单已超过 15 分钟未更新（上次 {t}）。离线结果请人工复核。',
    'warn.neverSynced': '本机尚无密钥和撤销名单，断网时无法核验。请联网同步。',
    'warn.skew': '本机时钟与服务器相差 {m} 分钟，请校正手机时间。',
    'warn.relogin': '登录已过期：重新登录后才能上传 {n} 条离线记录和同步名单。',
    'warn.relogin.button': '重新登录',
    'signedOut.scan': '已退出登录：请先登录再扫码。',
    'signedOut.queue': '本机保留 {n} 条未上传的扫码记录（{who}），扫码的检查员本人登录后自动上传。',
    'status.held': '另有 {n} 条待 {who} 登录后上传',
    'recent.held': '待 {who} 上传',
    'warn.noCheckpoint': '此账号未绑定检查站，无法核验。',
    'warn.insecure': '本页不是通过 HTTPS 打开的，无法离线核验签名。',
    'verdict.accepted': '通过',
    'verdict.rejected': '拒绝',
    'verdict.warn': '请核查',
    'verdict.next': '继续扫码',
    'verdict.offline': '离线核验 · 已排队待上传',
    'verdict.routeOffline': '离线未核对线路',
    'verdict.stale': '名单已过期（{t}），结果请人工复核',
    'verdict.clock': '通行证 {from} 起生效；本机时间 {now}。如本机时间不准，请校正后重扫。',
    'verdict.clockExpired': '通行证 {until} 已到期；本机时间 {now}。',
    'verdict.unknownKey': '可能是新轮换的密钥：请联网同步后重扫。',
    'verdict.unknownKeyFresh': '签名密钥不在最新的可信密钥名单中：按伪造处理。',
    'verdict.clone': '疑似克隆：该通行证近期在其他检查站出现',
    'verdict.leeway': '已使用时钟容差 {s} 秒',
    'f.passNumber': '通行证号',
    'f.cargo': '货物',
    'f.tonnage': '吨位',
    'f.route': '线路',
    'f.valid': '有效期',
    'f.observed': '实际车牌',
    'f.trailer': '挂车号牌',
    'f.observedTrailer': '实际挂车号牌',
    'f.routeMatch': '线路核对',
    'f.enterprise': '企业代码',
    'err.scan': '核验请求失败',
    'route.county': '本区县（起点或终点）',
    'route.city': '本市（起点或终点）',
    'route.province': '本省（起点或终点）',
    'route.corridor': '过境通道',
  },
  en: {
    'app.title': 'Checkpoint scanner',
    'lang.aria': 'Switch language',
    'lang.other': '中文',
    logout: 'Sign out',
    'err.network': 'Network unavailable',
    'direction.label': 'Direction',
    'direction.entry': 'Entry',
    'direction.exit': 'Exit',
    'camera.off': 'Camera off',
    'camera.start': 'Start camera',
    'camera.stop': 'Stop camera',
    'camera.scanning': 'Hold the QR code inside the frame',
    'camera.denied': 'Camera unavailable: {e}. Use a hardware scanner or paste instead.',
    'camera.insecure': 'The camera needs this page on HTTPS or localhost',
    'manual.label': 'Hardware scanner / pasted QR text',
    'manual.placeholder': 'A hardware scan submits by itself',
    'manual.paste': 'Paste',
    'manual.submit': 'Verify',
    'plate.label': 'Observed plate (optional)',
    'plate.hint': 'Compared with the plate on the pass',
    'plate.invalid': 'Not a valid plate',
    'plate.ok': 'Will compare {plate}',
    'trailer.label': 'Trailer plate (optional)',
    'trailer.invalid': 'Not a valid trailer plate',
    'recent.title': 'Recent scans',
    'recent.empty': 'No scans yet',
    'recent.queued': 'Queued',
    'recent.failed': 'Upload refused',
    'recent.discard': 'Discard',
    'sync.now': 'Sync now',
    'sync.done': 'Synced',
    'status.online': 'Online',
    'status.offline': 'Offline',
    'status.lastSync': 'Last sync {t}',
    'status.never': 'Never synced',
    'status.queue': '{n} queued',
    'status.keys': '{n} keys · revocations v{v}',
    'status.checkpoint': 'Checkpoint {cp}',
    'warn.stale':
      'Keys and revocations are more than 15 minutes old (last sync {t}). Double-check offline verdicts.',
    'warn.neverSynced':
      'No keys or revocation list on this device yet: offline checks are impossible. Go online to sync.',
    'warn.skew': 'This phone’s clock differs from the server by {m} min. Please correct it.',
    'warn.relogin':
      'Session expired: sign in again to upload {n} offline scans and sync the lists.',
    'warn.relogin.button': 'Sign in again',
    'signedOut.scan': 'Signed out: sign in before scanning.',
    'signedOut.queue':
      'This device keeps {n} unsent scans ({who}); they are sent when the officer who made them signs in.',
    'status.held': '{n} more wait for {who} to sign in',
    'recent.held': 'Held for {who}',
    'warn.noCheckpoint': 'This account has no checkpoint, so it cannot verify.',
    'warn.insecure': 'This page is not on HTTPS: signatures cannot be checked offline.',
    'verdict.accepted': 'ACCEPTED',
    'verdict.rejected': 'REJECTED',
    'verdict.warn': 'CHECK',
    'verdict.next': 'Next scan',
    'verdict.offline': 'Verified offline · queued for upload',
    'verdict.routeOffline': 'Route not checked offline',
    'verdict.stale': 'Lists are stale ({t}): double-check this verdict',
    'verdict.clock':
      'Valid from {from}; this phone says {now}. If the phone clock is wrong, fix it and scan again.',
    'verdict.clockExpired': 'Expired at {until}; this phone says {now}.',
    'verdict.unknownKey': 'Possibly a newly rotated key: sync and scan again.',
    'verdict.unknownKeyFresh': 'Signed by no key on the current trusted list: treat as forged.',
    'verdict.clone': 'Clone suspected: this pass was seen at another checkpoint recently',
    'verdict.leeway': 'Clock leeway used: {s} s',
    'f.passNumber': 'Pass no.',
    'f.cargo': 'Cargo',
    'f.tonnage': 'Tonnage',
    'f.route': 'Route',
    'f.valid': 'Valid',
    'f.observed': 'Observed plate',
    'f.trailer': 'Trailer plate',
    'f.observedTrailer': 'Observed trailer plate',
    'f.routeMatch': 'Route',
    'f.enterprise': 'Enterprise code',
    'err.scan': 'Verification request failed',
    'route.county': 'This county (origin or destination)',
    'route.city': 'This city (origin or destination)',
    'route.province': 'This province (origin or destination)',
    'route.corridor': 'Transit corridor',
  },
};

const i18n = createI18n(dict);
const { t } = i18n;
// localStorage, not sessionStorage: the scanner must survive a reload while offline. The session
// renews itself for the whole shift; when pass-service refuses that (account disabled, sign-in
// expired or reused), the scanner is signed out and says why, keeping its queue.
const session = createSession(localStorage, 'epass.scanner.session', {
  authBase: passServiceBase(),
});
/** @type {import('/shared/common.js').JsonApi} */
const api = createApi({ session, onUnauthorized: () => signedOut() });
session.onEnded(() => signedOut());

/** @typedef {import('/shared/common.js').Lang} Lang */
/** @typedef {import('./offline-verify.js').TrustedJwk} TrustedJwk */
/** @typedef {import('./offline-verify.js').RevocationList} RevocationList */
/** @typedef {import('./offline-verify.js').RevocationDelta} RevocationDelta */
/** @typedef {import('./offline-verify.js').OfflinePassView} OfflinePassView */
/** @typedef {'entry' | 'exit'} Direction */
/**
 * A scan as sent to `POST /v1/verifications`, and kept in the queue while it cannot be.
 * @typedef {{ qr: string, checkpointCode: string, direction: Direction, observedPlate?: string,
 *   trailerPlate?: string, clientScanId: string, scannedAt: string }} ScanRequest
 */
/**
 * A verdict: verify-service's answer, or this device's offline one (`offline: true`).
 * @typedef {{ verdict: 'accepted' | 'rejected', reason: string | null,
 *   pass: (OfflinePassView & { originName?: string | null, destinationName?: string | null })
 *     | null,
 *   checkedAt: string, scanId?: string, routeMatch?: string | null, cloneSuspected?: boolean,
 *   keysSyncedAt?: string | null, offline?: boolean }} Verdict
 */
/** @typedef {{ id: string, username: string }} Officer */
/**
 * A scan waiting for upload: `failed` once the server refused it for good.
 * @typedef {{ clientScanId: string, request: ScanRequest, result: Verdict, queuedAt: number,
 *   officer: Officer | null, failed?: { code: string, message: string } }} QueueEntry
 */
/**
 * A line of the recent scans (`GET /v1/verifications` items, or a verdict just shown).
 * @typedef {{ scanId: string, verdict: 'accepted' | 'rejected', reason: string | null,
 *   plate: string | null, passNumber: string | null, direction: Direction, checkedAt: string,
 *   cloneSuspected?: boolean }} RecentScan
 */
/**
 * What the scanner keeps in localStorage, by the names of KEY.
 * @typedef {{ keys: { keys: TrustedJwk[], serverSyncedAt?: string }, revocations: RevocationList,
 *   queue: QueueEntry[], lastSync: number, skew: number, direction: Direction,
 *   recent: RecentScan[] }} Stored
 */

const KEY = {
  keys: 'epass.scanner.keys',
  // By pass number since short tokens (which carry no pass id); the old list was by pass id.
  revocations: 'epass.scanner.revocations.byPassNumber',
  queue: 'epass.scanner.queue',
  lastSync: 'epass.scanner.lastSync',
  skew: 'epass.scanner.clockSkewMs',
  direction: 'epass.scanner.direction',
  recent: 'epass.scanner.recent',
};
/**
 * What this page stored under `name`, or `fallback`.
 * @template {keyof Stored} K
 * @template F
 * @param {K} name
 * @param {F} fallback
 * @returns {Stored[K] | F}
 */
const load = (name, fallback) => {
  try {
    /** @type {unknown} */
    const stored = JSON.parse(localStorage.getItem(KEY[name]) ?? 'null');
    return /** @type {Stored[K] | null} */ (stored) ?? fallback;
  } catch {
    return fallback;
  }
};
/**
 * @template {keyof Stored} K
 * @param {K} name
 * @param {Stored[K]} value
 */
const save = (name, value) => localStorage.setItem(KEY[name], JSON.stringify(value));

// A list kept by pass id cannot match a pass number: drop it, and the last-sync time with it, so
// the page says it has no revocation list (never a silently empty one) until the next sync,
// which fetches the whole list again.
if (localStorage.getItem('epass.scanner.revocations') !== null) {
  localStorage.removeItem('epass.scanner.revocations');
  localStorage.removeItem(KEY.lastSync);
}

/**
 * The elements of index.html that are more than an HTMLElement, by id.
 * @typedef {{ 'qr-input': HTMLInputElement, 'observed-plate': HTMLInputElement,
 *   'observed-trailer': HTMLInputElement,
 *   video: HTMLVideoElement, frame: HTMLCanvasElement }} PageElements
 */
/**
 * An element of index.html by id (all of them exist); typed by PageElements.
 * @template {string} K
 * @param {K} id
 * @returns {K extends keyof PageElements ? PageElements[K] : HTMLElement}
 */
const $ = (id) =>
  /** @type {K extends keyof PageElements ? PageElements[K] : HTMLElement} */ (
    document.getElementById(id)
  );
let online = navigator.onLine;
/** @type {Map<string, import('./offline-verify.js').VerifyKey>} */
let keysByKid = new Map();
/** @type {Direction} */
let direction = load('direction', 'entry');
/**
 * The code the camera saw last, and since when frames have not shown it (null: in sight).
 * @type {{ text: string, goneAt: number | null }}
 */
let lastCameraCode = { text: '', goneAt: 0 };
let scanning = false;

/**
 * @param {string} reason
 * @param {Lang} [lang]
 */
const reasonText = (reason, lang = i18n.lang) =>
  labelOf(SCAN_REJECTION_REASON_LABELS, reason, lang);
/** @param {string | null | undefined} code */
const cargoText = (code) => (code ? labelOf(CARGO_CATEGORY_LABELS, code, i18n.lang) : '—');
const checkpointCode = () => session.get()?.claims?.cp ?? null;
/** The server's clock as best known: the device clock corrected by the last measured skew. */
const serverNow = () => Date.now() + (load('skew', 0) ?? 0);
const listsAge = () => {
  const last = load('lastSync', null);
  return last ? Date.now() - last : Infinity;
};
const isStale = () => listsAge() > STALE_AFTER_MS;

// ---------------------------------------------------------------------------------------------
// Session

function showLogin() {
  $('scanner').hidden = true;
  $('verdict').hidden = true;
  $('login').hidden = false;
  $('logout').hidden = true;
  $('who').textContent = '';
  stopCamera();
  const kept = queue();
  const who = [...new Set(kept.map((e) => e.officer?.username ?? '?'))].join(', ');
  mountLogin($('login'), {
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
  if ($('login').hidden) showLogin();
}

function showScanner() {
  $('login').hidden = true;
  $('scanner').hidden = false;
  $('logout').hidden = false;
  const claims = session.get()?.claims ?? {};
  $('who').textContent = `${claims.usr ?? ''}${claims.cp ? ` · ${claims.cp}` : ''}`;
  renderDirection();
  renderStatus();
  renderWarnings();
  renderRecent(load('recent', []));
}

// ---------------------------------------------------------------------------------------------
// Lists for offline use

async function rebuildKeys() {
  const stored = load('keys', null);
  if (!stored || !globalThis.crypto?.subtle) {
    keysByKid = new Map();
    return;
  }
  keysByKid = await importTrustedKeys(stored.keys);
}

/** @param {Response} response */
function noteClock(response) {
  const skew = clockSkewMs(response.headers.get('date'), Date.now());
  if (skew !== null) save('skew', skew);
}

let syncing = false;
/** "Sync now" pressed while a background sync runs: another round follows, with its answer. */
let manualSyncWaiting = false;
async function sync({ manual = false } = {}) {
  if (!session.get()) return;
  if (syncing) {
    if (manual) manualSyncWaiting = true;
    return;
  }
  syncing = true;
  try {
    const keysResponse = /** @type {Response} */ (
      await api.get('/v1/trusted-keys', { as: 'response', timeoutMs: 10_000 })
    );
    noteClock(keysResponse);
    /** @type {unknown} */
    const body = await keysResponse.json();
    const trusted = /** @type {{ keys: TrustedJwk[], syncedAt?: string }} */ (body);
    save('keys', { keys: trusted.keys, serverSyncedAt: trusted.syncedAt });
    await rebuildKeys();
    const list = load('revocations', { version: 0, entries: {} });
    const delta = /** @type {RevocationDelta} */ (
      await api.get(`/v1/revocations?since=${list.version}`, { timeoutMs: 10_000 })
    );
    save('revocations', applyRevocationDelta(list, delta));
    save('lastSync', Date.now());
    online = true;
    if (manual) toast(t('sync.done'), 'ok');
    await flushQueue();
    await refreshRecent();
  } catch (error) {
    if (error instanceof NetworkError) online = false;
    // A session that just ended is explained by the login (signedOut), not by a toast.
    if (session.get() && (manual || !(error instanceof NetworkError)))
      toast(errorText(error, t), 'error');
  } finally {
    syncing = false;
    if (manualSyncWaiting) {
      manualSyncWaiting = false;
      void sync({ manual: true });
    }
    renderStatus();
    renderWarnings();
  }
}

// ---------------------------------------------------------------------------------------------
// Offline queue: each scan is sent until a 200, exactly once thanks to its clientScanId. The
// server records a scan under the officer whose token sends it, so each entry names its officer
// and waits for that officer to be signed in (entries queued before that have no name: any officer).

const queue = () => load('queue', []);
/** @returns {Officer | null} */
const officer = () => {
  const claims = session.get()?.claims;
  return claims?.sub ? { id: claims.sub, username: claims.usr ?? '' } : null;
};
/** @param {QueueEntry} entry */
const mine = (entry) => !entry.officer || entry.officer.id === officer()?.id;
/** @param {QueueEntry[]} items */
const saveQueue = (items) => save('queue', items);

/** @param {QueueEntry} entry */
function enqueue(entry) {
  saveQueue([...queue(), entry]);
}

/** @param {string} clientScanId */
function removeFromQueue(clientScanId) {
  saveQueue(queue().filter((e) => e.clientScanId !== clientScanId));
}

let flushing = false;
async function flushQueue() {
  if (flushing || !session.get()) return;
  flushing = true;
  const run = async () => {
    for (const entry of queue()) {
      if (entry.failed || !mine(entry)) continue;
      try {
        await api.post('/v1/verifications', entry.request, { timeoutMs: VERIFY_TIMEOUT_MS });
        removeFromQueue(entry.clientScanId);
      } catch (error) {
        if (
          error instanceof ApiError &&
          error.status >= 400 &&
          error.status < 500 &&
          error.status !== 401 &&
          error.status !== 408 &&
          error.status !== 429
        ) {
          // The server will never take it as it is: keep it visible, stop retrying it.
          saveQueue(
            queue().map((e) =>
              e.clientScanId === entry.clientScanId
                ? { ...e, failed: { code: error.code, message: error.message } }
                : e,
            ),
          );
          continue;
        }
        if (error instanceof NetworkError) online = false;
        break;
      }
    }
  };
  try {
    // Two tabs of the scanner must not send the same entry at once (the server dedupes anyway).
    if (navigator.locks) await navigator.locks.request('epass-scanner-queue', run);
    else await run();
  } finally {
    flushing = false;
    renderStatus();
  }
}

// ---------------------------------------------------------------------------------------------
// Scanning

function observedPlate() {
  const raw = $('observed-plate').value.trim();
  if (!raw) return { ok: true, plate: undefined };
  const parsed = parsePlate(raw);
  return parsed.ok ? { ok: true, plate: parsed.plate } : { ok: false };
}

/** The trailer plate typed by the officer, if any: only a trailer plate (豫B1234挂) is one. */
function observedTrailer() {
  const raw = $('observed-trailer').value.trim();
  if (!raw) return { ok: true, plate: undefined };
  const parsed = parsePlate(raw);
  return parsed.ok && parsed.kind === 'trailer' ? { ok: true, plate: parsed.plate } : { ok: false };
}

/**
 * @param {string} rawText
 * @param {'camera' | 'keyboard' | 'manual' | 'paste'} source
 */
async function scan(rawText, source) {
  const qr = rawText.trim();
  if (!qr) return;
  const now = Date.now();
  if (source === 'camera') {
    // A code held in front of the camera counts once: it must be out of sight for 3 s to count
    // again. Out of sight in the frames read, not merely unread: a busy phone may read a frame
    // only every few seconds, or none while a check runs.
    const seenRecently =
      qr === lastCameraCode.text &&
      (lastCameraCode.goneAt === null || now - lastCameraCode.goneAt < SAME_CODE_DEBOUNCE_MS);
    lastCameraCode = { text: qr, goneAt: null };
    if (seenRecently) return;
  }
  if (!session.get()) {
    toast(t('signedOut.scan'), 'error');
    return;
  }
  const cp = checkpointCode();
  if (!cp) {
    toast(t('warn.noCheckpoint'), 'error');
    return;
  }
  const plate = observedPlate();
  if (!plate.ok) {
    $('observed-plate').setAttribute('aria-invalid', 'true');
    $('observed-plate').focus();
    toast(t('plate.invalid'), 'error');
    return;
  }
  const trailer = observedTrailer();
  if (!trailer.ok) {
    $('observed-trailer').setAttribute('aria-invalid', 'true');
    $('observed-trailer').focus();
    toast(t('trailer.invalid'), 'error');
    return;
  }
  if (scanning) return;
  scanning = true;
  const request = {
    qr,
    checkpointCode: cp,
    direction,
    ...(plate.plate ? { observedPlate: plate.plate } : {}),
    ...(trailer.plate ? { trailerPlate: trailer.plate } : {}),
    // Sent online too: if the answer is lost, the queued resend is recognised as the same scan.
    clientScanId: uuid(),
    scannedAt: new Date(serverNow()).toISOString(),
  };
  try {
    /** @type {Verdict} */
    let result;
    try {
      const response = /** @type {Response} */ (
        await api.post('/v1/verifications', request, {
          as: 'response',
          timeoutMs: VERIFY_TIMEOUT_MS,
        })
      );
      noteClock(response);
      /** @type {unknown} */
      const answer = await response.json();
      result = verdictOf(answer);
      online = true;
    } catch (error) {
      // A 401 is not "server down": the api has renewed the token if it could, so the session is
      // over and the page is on its login (signedOut). A refresh that could not reach
      // pass-service is a NetworkError: checkpoints keep working while pass-service is down.
      const serverDown = error instanceof ApiError && error.status >= 500;
      if (!(error instanceof NetworkError) && !serverDown) throw error;
      if (error instanceof NetworkError) online = false;
      result = await verifyOffline(request);
      enqueue({
        clientScanId: request.clientScanId,
        request,
        result,
        queuedAt: Date.now(),
        officer: officer(),
      });
    }
    showVerdict(result, request);
    addRecent(result, request);
    if (!result.offline) void refreshRecent();
  } catch (error) {
    toast(`${t('err.scan')}: ${errorText(error, t)}`, 'error');
  } finally {
    scanning = false;
    renderStatus();
    renderWarnings();
  }
}

/**
 * verify-service's answer as a verdict, once it has the fields the screen decides on; an answer
 * without them (a proxy's page, a newer API) is an error, never a verdict.
 * @param {unknown} answer
 * @returns {Verdict}
 */
function verdictOf(answer) {
  const { verdict, reason, checkedAt } = /** @type {Record<string, unknown>} */ (
    typeof answer === 'object' && answer !== null ? answer : {}
  );
  if (
    (verdict !== 'accepted' && verdict !== 'rejected') ||
    (reason !== null && typeof reason !== 'string') ||
    typeof checkedAt !== 'string'
  )
    throw new Error('verify-service answered something that is not a verdict');
  return /** @type {Verdict} */ (answer);
}

/**
 * @param {ScanRequest} request
 * @returns {Promise<Verdict>}
 */
async function verifyOffline(request) {
  const nowMs = serverNow();
  if (!globalThis.crypto?.subtle) {
    return {
      verdict: 'rejected',
      reason: 'OFFLINE_UNAVAILABLE',
      pass: null,
      checkedAt: new Date(nowMs).toISOString(),
      offline: true,
    };
  }
  const revoked = load('revocations', { entries: {} }).entries;
  return verifyPassOffline(request.qr, {
    keyFor: (kid) => keysByKid.get(kid),
    isRevoked: (passNumber) => Object.hasOwn(revoked, passNumber),
    nowMs,
    leewaySeconds: DEFAULT_LEEWAY_SECONDS,
    observedPlate: request.observedPlate,
    trailerPlate: request.trailerPlate,
  });
}

// ---------------------------------------------------------------------------------------------
// Verdict screen

/**
 * @param {Verdict} result
 * @param {ScanRequest} request
 */
function showVerdict(result, request) {
  const tone = verdictTone(result, { listsStale: isStale(), skewMs: load('skew', 0) ?? 0 });
  const overlay = $('verdict');
  overlay.className = `verdict verdict-${tone}`;
  $('verdict-icon').textContent = tone === 'accepted' ? '✓' : tone === 'warn' ? '!' : '✕';
  $('verdict-word').textContent = t(`verdict.${tone}`);
  const other = i18n.lang === 'zh' ? 'en' : 'zh';
  $('verdict-reason').textContent = result.reason
    ? `${reasonText(result.reason)} · ${reasonText(result.reason, other)}`
    : '';
  const hints = [];
  const pass = result.pass;
  const phoneNow = formatTime(new Date().toISOString(), i18n.lang, true);
  if (result.reason === 'NOT_YET_VALID' && pass)
    hints.push(t('verdict.clock', { from: formatTime(pass.validFrom, i18n.lang), now: phoneNow }));
  if (result.reason === 'EXPIRED' && pass)
    hints.push(
      t('verdict.clockExpired', { until: formatTime(pass.validUntil, i18n.lang), now: phoneNow }),
    );
  if (result.reason === 'UNKNOWN_KEY')
    hints.push(
      t(keysStaleFor(result, isStale()) ? 'verdict.unknownKey' : 'verdict.unknownKeyFresh'),
    );
  if (result.reason === 'OFFLINE_UNAVAILABLE') hints.push(t('warn.insecure'));
  if (result.cloneSuspected) hints.push(t('verdict.clone'));
  if (result.offline) {
    hints.push(t('verdict.offline'));
    if (isStale()) hints.push(t('verdict.stale', { t: lastSyncText() }));
  }
  const skew = load('skew', 0);
  if (Math.abs(skew) > SKEW_WARN_MS) hints.push(t('warn.skew', { m: Math.round(skew / 60_000) }));
  $('verdict-hint').replaceChildren(...hints.map((text) => h('div', {}, text)));
  $('verdict-plate').textContent = pass?.plate ?? '';
  const route = pass
    ? `${pass.originName ?? pass.originDivision} → ${pass.destinationName ?? pass.destinationDivision}`
    : null;
  const routeCheck = result.offline
    ? t('verdict.routeOffline')
    : result.routeMatch
      ? t(`route.${result.routeMatch}`)
      : null;
  /** @type {[string, string | null | undefined][]} */
  const facts = pass
    ? [
        ['f.passNumber', pass.passNumber],
        ['f.cargo', cargoText(pass.cargoCategory)],
        ['f.tonnage', `${pass.tonnage} t`],
        ['f.route', route],
        ['f.routeMatch', routeCheck],
        [
          'f.valid',
          `${formatTime(pass.validFrom, i18n.lang)} – ${formatTime(pass.validUntil, i18n.lang)}`,
        ],
        ['f.observed', request.observedPlate],
        ['f.trailer', pass.trailerPlate],
        ['f.observedTrailer', request.trailerPlate],
        ['f.enterprise', pass.enterpriseCreditCode],
      ]
    : [['f.routeMatch', routeCheck]];
  $('verdict-facts').replaceChildren(
    ...facts
      .filter(([, v]) => v)
      .flatMap(([key, value]) => [h('dt', {}, t(key)), h('dd', {}, value)]),
  );
  overlay.hidden = false;
  $('verdict-announce').textContent = [
    $('verdict-word').textContent,
    $('verdict-reason').textContent,
    pass?.plate,
    result.offline ? t('verdict.offline') : '',
  ]
    .filter(Boolean)
    .join(' · ');
  $('verdict-close').focus();
  if (navigator.vibrate) navigator.vibrate(tone === 'accepted' ? 80 : [200, 100, 200]);
}

function closeVerdict() {
  $('verdict').hidden = true;
  $('qr-input').value = '';
  if (!stream) $('qr-input').focus();
}

// ---------------------------------------------------------------------------------------------
// Recent scans

/**
 * @param {Verdict} result
 * @param {ScanRequest} request
 */
function addRecent(result, request) {
  /** @type {RecentScan} */
  const item = {
    scanId: result.scanId ?? request.clientScanId,
    verdict: result.verdict,
    reason: result.reason,
    plate: result.pass?.plate ?? null,
    passNumber: result.pass?.passNumber ?? null,
    direction: request.direction,
    checkedAt: result.checkedAt,
  };
  const list = [item, ...load('recent', []).filter((r) => r.scanId !== item.scanId)].slice(0, 20);
  save('recent', list);
  renderRecent(list);
}

async function refreshRecent() {
  if (!session.token() || !checkpointCode()) return;
  try {
    const page = /** @type {{ items: RecentScan[] }} */ (
      await api.get('/v1/verifications?limit=20', { timeoutMs: 8000 })
    );
    save('recent', page.items);
    renderRecent(page.items);
  } catch (error) {
    if (!(error instanceof NetworkError)) toast(errorText(error, t), 'error');
  }
}

/** @param {RecentScan[]} items */
function renderRecent(items) {
  const pending = queue();
  const queuedRows = pending.map((entry) => {
    const held = !mine(entry);
    const discard = entry.failed
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn small',
            onclick: () => {
              removeFromQueue(entry.clientScanId);
              renderRecent(load('recent', []));
              renderStatus();
            },
          },
          t('recent.discard'),
        )
      : null;
    return h(
      'li',
      {},
      h('span', { class: 'plate' }, entry.result?.pass?.plate ?? '—'),
      h(
        'span',
        { class: `badge badge-${entry.failed ? 'rejected' : 'queued'}` },
        entry.failed
          ? t('recent.failed')
          : held
            ? t('recent.held', { who: entry.officer?.username })
            : t('recent.queued'),
      ),
      h(
        'span',
        { class: 'meta' },
        `${formatTime(entry.request.scannedAt, i18n.lang, true)} · ${t(`direction.${entry.request.direction}`)} · ${t(`verdict.${entry.result?.verdict ?? 'rejected'}`)}${entry.result?.reason ? ` · ${reasonText(entry.result.reason)}` : ''}${entry.failed ? ` · ${entry.failed.message} (${entry.failed.code})` : ''}`,
      ),
      discard,
    );
  });
  const queuedIds = new Set(pending.map((e) => e.clientScanId));
  const rows = items
    .filter((item) => !queuedIds.has(item.scanId))
    .map((item) =>
      h(
        'li',
        {},
        h('span', { class: 'plate' }, item.plate ?? item.passNumber ?? '—'),
        h('span', { class: `badge badge-${item.verdict}` }, t(`verdict.${item.verdict}`)),
        h(
          'span',
          { class: 'meta' },
          `${formatTime(item.checkedAt, i18n.lang, true)} · ${t(`direction.${item.direction}`)}${item.reason ? ` · ${reasonText(item.reason)}` : ''}${item.passNumber ? ` · ${item.passNumber}` : ''}${item.cloneSuspected ? ` · ${t('verdict.clone')}` : ''}`,
        ),
      ),
    );
  const all = [...queuedRows, ...rows];
  $('recent').replaceChildren(
    ...(all.length ? all : [h('li', { class: 'empty' }, t('recent.empty'))]),
  );
}

// ---------------------------------------------------------------------------------------------
// Status and warnings

function lastSyncText() {
  const last = load('lastSync', null);
  return last ? formatTime(new Date(last).toISOString(), i18n.lang, true) : t('status.never');
}

function renderStatus() {
  const revocations = load('revocations', { version: 0 });
  const waiting = queue().filter((e) => !e.failed);
  const pending = waiting.filter(mine).length;
  const held = waiting.filter((e) => !mine(e));
  $('status').replaceChildren(
    h(
      'span',
      {},
      h('span', { class: `dot dot-${online ? 'online' : 'offline'}` }),
      t(online ? 'status.online' : 'status.offline'),
    ),
    h(
      'span',
      {},
      load('lastSync', null) ? t('status.lastSync', { t: lastSyncText() }) : t('status.never'),
    ),
    h('span', {}, t('status.keys', { n: keysByKid.size, v: revocations.version })),
    pending ? h('span', { class: 'badge badge-queued' }, t('status.queue', { n: pending })) : '',
    held.length
      ? h(
          'span',
          { class: 'badge badge-queued' },
          t('status.held', {
            n: held.length,
            who: [...new Set(held.map((e) => e.officer?.username))].join(', '),
          }),
        )
      : '',
  );
}

function renderWarnings() {
  const warnings = [];
  const skew = load('skew', 0);
  if (!checkpointCode()) warnings.push(['bad', t('warn.noCheckpoint')]);
  if (!globalThis.crypto?.subtle) warnings.push(['warn', t('warn.insecure')]);
  if (!load('lastSync', null)) warnings.push(['bad', t('warn.neverSynced')]);
  else if (isStale()) warnings.push(['warn', t('warn.stale', { t: lastSyncText() })]);
  if (Math.abs(skew) > SKEW_WARN_MS)
    warnings.push(['bad', t('warn.skew', { m: Math.round(skew / 60_000) })]);
  const nodes = warnings.map(([kind, text]) =>
    h('div', { class: `banner banner-${kind}`, role: 'alert' }, text),
  );
  // Offline with an access token that can no longer be renewed (a sign-in from before refresh
  // tokens, or one older than the refresh token's life): offline checks go on, uploads wait.
  if (session.expired()) {
    nodes.push(
      h(
        'div',
        { class: 'banner banner-warn', role: 'alert' },
        t('warn.relogin', { n: queue().length }),
        ' ',
        h('button', { type: 'button', class: 'btn', onclick: showLogin }, t('warn.relogin.button')),
      ),
    );
  }
  $('warnings').replaceChildren(...nodes);
}

function renderDirection() {
  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (
    document.querySelectorAll('[data-direction]')
  ))
    button.setAttribute('aria-checked', String(button.dataset.direction === direction));
}

// ---------------------------------------------------------------------------------------------
// Camera: getUserMedia + canvas + jsQR, a frame every ~150 ms.

/** @type {MediaStream | null} */
let stream = null;
let lastFrameAt = 0;

/**
 * jsQR, which /vendor/jsQR.js sets as a global (loaded with `defer`: absent until then).
 * @typedef {(data: Uint8ClampedArray, width: number, height: number,
 *   options: { inversionAttempts: 'dontInvert' }) => { data: string } | null} JsQr
 */
const jsQR = () => /** @type {{ jsQR?: JsQr }} */ (globalThis).jsQR;

async function startCamera() {
  const message = $('camera-message');
  if (!navigator.mediaDevices?.getUserMedia) {
    message.textContent = t('camera.insecure');
    return;
  }
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: {
        facingMode: { ideal: 'environment' },
        width: { ideal: 1280 },
        height: { ideal: 720 },
      },
      audio: false,
    });
  } catch (error) {
    message.textContent = t('camera.denied', {
      e: error instanceof Error ? error.name || error.message : String(error),
    });
    return;
  }
  const video = $('video');
  video.srcObject = stream;
  await video.play();
  message.textContent = t('camera.scanning');
  setCameraButton();
  requestAnimationFrame(tick);
}

function stopCamera() {
  lastCameraCode.goneAt ??= Date.now();
  stream?.getTracks().forEach((track) => track.stop());
  stream = null;
  $('video').srcObject = null;
  $('camera-message').textContent = t('camera.off');
  setCameraButton();
}

function setCameraButton() {
  $('camera-toggle').replaceChildren(h('span', {}, t(stream ? 'camera.stop' : 'camera.start')));
}

/** @param {DOMHighResTimeStamp} time */
function tick(time) {
  if (!stream) return;
  requestAnimationFrame(tick);
  const video = $('video');
  const read = jsQR();
  if (time - lastFrameAt < 150 || video.readyState < 2 || scanning || !read) return;
  lastFrameAt = time;
  const scale = Math.min(1, 960 / video.videoWidth);
  const width = Math.round(video.videoWidth * scale);
  const height = Math.round(video.videoHeight * scale);
  const canvas = $('frame');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return;
  context.drawImage(video, 0, 0, width, height);
  const image = context.getImageData(0, 0, width, height);
  const code = read(image.data, width, height, { inversionAttempts: 'dontInvert' });
  if (code?.data) void scan(code.data, 'camera');
  else lastCameraCode.goneAt ??= Date.now();
}

// ---------------------------------------------------------------------------------------------
// Wiring

// A hardware scanner is a keyboard that types fast and ends with Enter. While the verdict is
// shown (focus on its button), such input is caught here so the next truck is not lost.
let wedge = { text: '', at: 0 };
document.addEventListener('keydown', (event) => {
  const inField = event.target instanceof HTMLInputElement;
  if (inField) return;
  if (event.key === 'Enter' && wedge.text.length >= 8 && Date.now() - wedge.at < 200) {
    event.preventDefault();
    const text = wedge.text;
    wedge = { text: '', at: 0 };
    void scan(text, 'keyboard');
    return;
  }
  if (event.key.length === 1 && !event.ctrlKey && !event.metaKey) {
    wedge = {
      text: Date.now() - wedge.at < 200 ? wedge.text + event.key : event.key,
      at: Date.now(),
    };
    return;
  }
  if (event.key === 'Escape' && !$('verdict').hidden) closeVerdict();
});

$('manual').addEventListener('submit', (event) => {
  event.preventDefault();
  void scan($('qr-input').value, 'manual');
});
$('paste').addEventListener('click', () => void paste());
async function paste() {
  try {
    const text = await navigator.clipboard.readText();
    $('qr-input').value = text;
    void scan(text, 'paste');
  } catch {
    $('qr-input').focus();
  }
}
$('observed-plate').addEventListener('input', () => {
  const input = $('observed-plate');
  const plate = observedPlate();
  input.setAttribute('aria-invalid', String(!plate.ok));
  const hint = $('observed-plate-hint');
  hint.textContent = !input.value.trim()
    ? t('plate.hint')
    : plate.ok
      ? t('plate.ok', { plate: plate.plate })
      : t('plate.invalid');
  hint.className = `hint ${plate.ok ? '' : 'bad'}`;
});
$('observed-trailer').addEventListener('input', () => {
  $('observed-trailer').setAttribute('aria-invalid', String(!observedTrailer().ok));
});
for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (
  document.querySelectorAll('[data-direction]')
)) {
  button.addEventListener('click', () => {
    direction = button.dataset.direction === 'exit' ? 'exit' : 'entry';
    save('direction', direction);
    renderDirection();
  });
}
$('camera-toggle').addEventListener('click', () => (stream ? stopCamera() : void startCamera()));
$('verdict-close').addEventListener('click', closeVerdict);
$('sync-now').addEventListener('click', () => void sync({ manual: true }));
$('logout').addEventListener('click', () => {
  void session.logout();
  showLogin();
});
let resumeCamera = false;
document.addEventListener('visibilitychange', () => {
  if (document.hidden && stream) {
    resumeCamera = true;
    stopCamera();
  } else if (!document.hidden && resumeCamera) {
    resumeCamera = false;
    void startCamera();
  }
});
window.addEventListener('online', () => {
  online = true;
  void sync();
});
window.addEventListener('offline', () => {
  online = false;
  renderStatus();
});

const langButton = $('lang-toggle');
langButton.textContent = t('lang.other');
langButton.addEventListener('click', () => i18n.set(i18n.lang === 'zh' ? 'en' : 'zh'));
i18n.onChange(() => {
  langButton.textContent = t('lang.other');
  if (session.get() && !$('scanner').hidden) showScanner();
  else showLogin();
  if (stream) $('camera-message').textContent = t('camera.scanning');
  setCameraButton();
});

i18n.apply();
// The page itself must open without a network too; service workers need HTTPS or localhost.
if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('/sw.js').catch(() => {});
}
await rebuildKeys();
if (session.get()) {
  showScanner();
  void sync();
} else showLogin();
setInterval(() => {
  void sync();
  renderWarnings();
}, SYNC_INTERVAL_MS);
