// @ts-check
// Live status of an enterprise's passes: a Server-Sent Events stream from pass-service. Each
// notice (issued, rejected, revoked) updates the pass wherever the page shows it (every list that
// holds it, and the dialog when it is open on it), without a reload. An EventSource cannot send
// the Authorization header, so the access token goes in the URL (as on the dashboard); the
// server ends a stream when the token that opened it expires, and the page opens the next one
// with a fresh token, resuming after the last notice it had.
import { toast } from '/shared/common.js';

/** @typedef {import('./ui.js').Ctx} Ctx */
/**
 * A pass's change of status as the notice stream sends it.
 * @typedef {{ passId: string, status: string, plate: string | null, passNumber: string | null,
 *   reason: string | null }} Notice
 */

const RETRY_MS = 5000;

/**
 * @param {{ status: string, passNumber: string | null, reason: string | null }} notice
 * @returns {Record<string, unknown>}
 */
function changeOf(notice) {
  switch (notice.status) {
    case 'issued':
      return { status: 'issued', passNumber: notice.passNumber };
    case 'rejected':
      return { status: 'rejected', rejectionReason: notice.reason };
    case 'revoked':
      return { status: 'revoked', revocationReason: notice.reason };
    default:
      return {};
  }
}

/**
 * Keeps a stream open while an enterprise user is signed in.
 * @param {Ctx} ctx
 * @param {import('/shared/common.js').Session} session
 */
export function watchLiveStatus(ctx, session) {
  /** @type {EventSource | null} */
  let source = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let retry;
  /** @type {string | null} */
  let lastId = null;
  /** @type {string | null} whose events the stream carries */
  let userId = null;

  const setLive = (/** @type {boolean} */ live) => {
    if (ctx.store.get().live !== live) ctx.store.update({ live });
  };
  const isEnterprise = () => ctx.claims().role === 'enterprise';

  function stop() {
    clearTimeout(retry);
    source?.close();
    source = null;
    setLive(false);
  }

  /** @param {Notice} notice */
  function apply(notice) {
    ctx.lists.patchEverywhere(notice.passId, changeOf(notice));
    const open = ctx.store.get().dialog;
    if (open?.pass?.id === notice.passId) ctx.openPass(notice.passId, open.onChange);
    const label = notice.passNumber ?? notice.plate ?? '';
    toast(
      ctx.t(`live.${notice.status}`, { p: label }),
      notice.status === 'issued' ? 'ok' : 'error',
    );
  }

  async function connect() {
    stop();
    if (!isEnterprise()) return;
    const token = await session.fresh().catch(() => session.token());
    if (!token || !isEnterprise()) return;
    const params = new URLSearchParams({ access_token: token });
    if (lastId) params.set('lastEventId', lastId);
    const es = new EventSource(`/v1/passes/notices/stream?${params}`);
    source = es;
    es.addEventListener('ready', (event) => {
      lastId = /** @type {MessageEvent} */ (event).lastEventId || lastId;
      setLive(true);
    });
    es.addEventListener('notice', (event) => {
      const message = /** @type {MessageEvent} */ (event);
      lastId = message.lastEventId || lastId;
      /** @type {unknown} the server's notice (pass-service notices/notice-streams.ts) */
      const notice = JSON.parse(String(message.data));
      apply(/** @type {Notice} */ (notice));
    });
    // Too far behind to replay what was missed: show the lists afresh.
    es.addEventListener('resync', (event) => {
      lastId = /** @type {MessageEvent} */ (event).lastEventId || null;
      ctx.navigate(ctx.store.get().tab);
    });
    // The token that opened the stream is about to expire: open the next with a fresh one.
    es.addEventListener('reconnect', () => void connect());
    es.addEventListener('error', () => {
      if (source !== es) return;
      setLive(false);
      // CONNECTING: the browser retries by itself (sending Last-Event-ID). CLOSED: it gave up
      // (an expired token, a refusal), so try again with a fresh token unless signed out.
      if (es.readyState === EventSource.CLOSED && !session.expired()) {
        retry = setTimeout(() => void connect(), RETRY_MS);
      }
    });
  }

  function sync() {
    const user = ctx.store.get().user;
    const next = user && isEnterprise() ? (ctx.claims().sub ?? ctx.claims().usr ?? 'user') : null;
    if (next === userId) return;
    userId = next;
    lastId = null;
    if (next) void connect();
    else stop();
  }

  ctx.store.subscribe((state, previous) => {
    if (state.user !== previous.user) sync();
  });
  sync();
}
