// @ts-check
// Shared browser helpers of the three e-Pass pages: every service serves this folder at
// /shared/ beside its own page, and scripts/build-pages.mjs bundles it into each page's build.

import { html, nothing, render } from '/vendor/lit-html/lit-html.js';
import { createRef, ref } from '/vendor/lit-html/directives/ref.js';
import { SESSION_END_LABELS } from './labels.js';

// The cargo labels under the name the portal and the driver's page import; the scanner and the
// dashboard take theirs from labels.js directly.
export { CARGO_CATEGORY_LABELS as CARGO_LABELS } from './labels.js';

const LANG_KEY = 'epass.lang';
const PASS_SERVICE_KEY = 'epass.passServiceUrl';
/** The language the page shows, once createI18n has chosen it; API calls ask for it (apiLanguage). */
let pageLanguage = /** @type {'zh' | 'en' | null} */ (null);

/** @typedef {'zh' | 'en'} Lang */
/** A page's words: `{ zh: {...}, en: {...} }`, `{name}` filled in by `t`. @typedef {Record<Lang, Record<string, string>>} Dictionary */
/** @typedef {(key: string, vars?: Record<string, unknown>) => string} Translate */

/**
 * A tiny i18n over a Dictionary. A language chosen with `set` is kept and wins; until then zh-CN,
 * or with `followBrowser` the first of the two in the browser's preferences.
 * @param {Dictionary} dict
 * @param {{ followBrowser?: boolean }} [options]
 */
export function createI18n(dict, { followBrowser = false } = {}) {
  const stored = localStorage.getItem(LANG_KEY);
  /** @type {Lang} */
  let lang = stored === 'en' || stored === 'zh' ? stored : followBrowser ? browserLanguage() : 'zh';
  pageLanguage = lang;
  /** @type {((lang: Lang) => void)[]} */
  const listeners = [];
  /** @type {Translate} */
  const t = (key, vars = {}) => {
    const text = dict[lang][key] ?? dict.zh[key] ?? key;
    return fill(text, vars);
  };
  /** @param {ParentNode} [root] */
  const apply = (root = document) => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    /**
     * Each element with `attribute` gets the text its value names.
     * @param {string} attribute
     * @param {(el: HTMLElement, text: string) => void} put
     */
    const each = (attribute, put) => {
      for (const el of root.querySelectorAll(`[${attribute}]`))
        put(/** @type {HTMLElement} */ (el), t(el.getAttribute(attribute) ?? ''));
    };
    each('data-i18n', (el, text) => (el.textContent = text));
    each('data-i18n-placeholder', (el, text) => el.setAttribute('placeholder', text));
    each('data-i18n-aria', (el, text) => el.setAttribute('aria-label', text));
    each('data-i18n-title', (el, text) => (el.title = text));
  };
  return {
    t,
    apply,
    get lang() {
      return lang;
    },
    /** @param {string} next */
    set(next) {
      lang = next === 'en' ? 'en' : 'zh';
      pageLanguage = lang;
      localStorage.setItem(LANG_KEY, lang);
      apply();
      listeners.forEach((fn) => fn(lang));
    },
    /** @param {(lang: Lang) => void} fn */
    onChange(fn) {
      listeners.push(fn);
    },
  };
}

/**
 * `text` with each `{name}` replaced by `vars.name` (empty when it has none).
 * @param {string} text
 * @param {Record<string, unknown>} vars
 */
function fill(text, vars) {
  return text.replace(/\{(\w+)\}/g, (_, /** @type {string} */ name) => asText(vars[name] ?? ''));
}

/**
 * A value as text; an object as its JSON, never "[object Object]".
 * @param {unknown} value
 */
function asText(value) {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * The label of an API code in `lang`, from a table of web/shared/labels.js; the code itself when
 * the table has none (a code newer than the page).
 * @param {Readonly<Record<string, { zh: string, en: string }>>} labels
 * @param {string} code
 * @param {Lang} lang
 */
export function labelOf(labels, code, lang) {
  return Object.hasOwn(labels, code) ? labels[code][lang] : code;
}

/**
 * The first of zh and en among the browser's preferred languages; zh when neither is.
 * @returns {Lang}
 */
function browserLanguage() {
  for (const tag of navigator.languages ?? [navigator.language]) {
    if (/^zh\b/i.test(tag)) return 'zh';
    if (/^en\b/i.test(tag)) return 'en';
  }
  return 'zh';
}

/** An error the API answered with: `{ statusCode, code, message }`. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** fetch itself failed (offline, DNS, refused, timed out): there is no answer to show. */
export class NetworkError extends Error {
  /** @param {unknown} cause */
  constructor(cause) {
    super(cause instanceof Error ? cause.message : 'network error');
    this.code = 'NETWORK_ERROR';
  }
}

/** Where pass-service (the identity provider) lives: `?passService=` or a stored choice, else port 3001. */
export function passServiceBase() {
  const fromQuery = new URLSearchParams(location.search).get('passService');
  if (fromQuery) localStorage.setItem(PASS_SERVICE_KEY, fromQuery.replace(/\/+$/, ''));
  return (
    localStorage.getItem(PASS_SERVICE_KEY) ?? `${location.protocol}//${location.hostname}:3001`
  );
}

/**
 * The claims of an access token as the pages read them (pass-service signs them).
 * @typedef {{ sub?: string, role?: string, usr?: string, ent?: string, cp?: string,
 *   exp?: number }} AccessClaims
 */
/**
 * The access token's payload (`role`, `usr`, `ent`, `cp`, `exp`); not verified, only read.
 * @param {string} token
 * @returns {AccessClaims | null}
 */
export function decodeJwt(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
    /** @type {unknown} */
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return /** @type {AccessClaims} */ (claims);
  } catch {
    return null;
  }
}

/**
 * What pass-service answers to a login and to a refresh.
 * @typedef {{ accessToken: string, tokenType?: string, expiresIn?: number, role?: string,
 *   refreshToken?: string, refreshExpiresIn?: number }} TokenAnswer
 */
/**
 * A stored session: the answer, the access token's claims, and when the access and refresh tokens
 * expire by this device's clock, counted from their arrival so that a wrong clock does not matter.
 * @typedef {TokenAnswer & { claims: AccessClaims, expiresAt: number,
 *   refreshExpiresAt: number | null }} StoredSession
 */
/**
 * Why a session ended without its user signing out (the API's code and message), and when;
 * null when it ended by signing out (in another tab, for instance).
 * @typedef {{ code: string, message: string, at: number }} SessionEnd
 */
/**
 * Web Locks, or a stand-in with the same `request` (the tests').
 * @typedef {{ request: <T>(name: string, fn: () => Promise<T>) => Promise<T> }} RefreshLocks
 */

/**
 * Renew this long before the access token expires: a fifth of its life, at most a minute.
 * @param {StoredSession} session
 */
const refreshLeadMs = (session) => Math.min(60_000, ((session.expiresIn ?? 900) * 1000) / 5);
/** After a refresh that did not reach pass-service, the next try. */
const REFRESH_RETRY_MS = 15_000;
/** A refresh request is abandoned after this; the lease below outlives it. */
const REFRESH_TIMEOUT_MS = 15_000;
/** How long a request waits for the refresh it needs (the refresh itself goes on). */
const REFRESH_WAIT_MS = 8_000;
const REFRESH_LEASE_MS = 20_000;
const LEASE_SETTLE_MS = 30;
const LEASE_POLL_MS = 250;

/** @param {number} ms */
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `promise`, or a NetworkError after `ms` (the work behind the promise is not cancelled).
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @returns {Promise<T>}
 */
function within(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new NetworkError(new Error('timed out'))), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/**
 * A 4xx other than 408 and 429: the server will never take this refresh token.
 * @param {unknown} error
 * @returns {error is ApiError}
 */
const refused = (error) =>
  error instanceof ApiError &&
  error.status >= 400 &&
  error.status < 500 &&
  error.status !== 408 &&
  error.status !== 429;

/**
 * The session in a Storage (sessionStorage by default; the scanner uses localStorage to work
 * offline). It renews the access token with the refresh token shortly before it expires. The
 * refresh token is spent by its use, and sending it twice ends the whole session at pass-service,
 * so one refresh runs at a time, in this tab (callers share it) and across the tabs that share the
 * storage (Web Locks, else a lease in the storage). When pass-service refuses the refresh (expired,
 * reused, account disabled) the session ends and `onEnded` listeners hear why.
 * `authBase`: pass-service's origin ('' when the page is its own, the portal).
 * @param {Storage} [storage]
 * @param {string} [key]
 * @param {{ authBase?: string, locks?: RefreshLocks | null }} [options]
 */
export function createSession(storage = sessionStorage, key = 'epass.session', options = {}) {
  const { authBase = '', locks = globalThis.navigator?.locks ?? null } = options;
  const endedKey = `${key}.ended`;
  const leaseKey = `${key}.refreshing`;
  const tab = uuid();
  /** @type {JsonApi} */
  const auth = createApi({ base: authBase });
  /** @type {Promise<StoredSession> | null} */
  let inflight = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @type {((end: SessionEnd | null) => void)[]} */
  const endListeners = [];

  /**
   * What this module stored under `name` (its own JSON), or null.
   * @param {string} name
   * @returns {unknown}
   */
  const read = (name) => {
    try {
      return JSON.parse(storage.getItem(name) ?? 'null');
    } catch {
      return null;
    }
  };
  /** @returns {StoredSession | null} */
  const get = () => {
    const session = /** @type {StoredSession | null} */ (read(key));
    return session?.accessToken ? session : null;
  };
  /** @returns {SessionEnd | null} */
  const endedReason = () => /** @type {SessionEnd | null} */ (read(endedKey));
  /** @returns {{ tab: string, until: number } | null} */
  const readLease = () => /** @type {{ tab: string, until: number } | null} */ (read(leaseKey));
  /** @param {SessionEnd | null} end */
  const notify = (end) => endListeners.forEach((fn) => fn(end));

  /** @param {number} [delayMs] when to refresh; by default shortly before the token expires */
  function schedule(delayMs) {
    clearTimeout(timer);
    const current = get();
    if (!current?.refreshToken) return;
    const due = delayMs ?? current.expiresAt - refreshLeadMs(current) - Date.now();
    timer = setTimeout(() => refresh(current.accessToken).catch(() => undefined), Math.max(0, due));
  }

  /** @param {TokenAnswer} answer @returns {StoredSession} */
  function set(answer) {
    const now = Date.now();
    const claims = decodeJwt(answer.accessToken) ?? {};
    /** @type {StoredSession} */
    const session = {
      ...answer,
      claims,
      expiresAt: answer.expiresIn ? now + answer.expiresIn * 1000 : (claims.exp ?? 0) * 1000,
      refreshExpiresAt: answer.refreshExpiresIn ? now + answer.refreshExpiresIn * 1000 : null,
    };
    storage.setItem(key, JSON.stringify(session));
    storage.removeItem(endedKey);
    schedule();
    return session;
  }

  function clear() {
    clearTimeout(timer);
    storage.removeItem(key);
  }

  /** @param {string} refreshToken */
  const revoke = (refreshToken) =>
    auth.post('/v1/auth/logout', { refreshToken }, { timeoutMs: 5000 }).catch(() => undefined);

  /**
   * Ends a session the server no longer takes: the reason is kept for the login to show. The first
   * reason wins; a session that still has a live refresh token is ended at pass-service too.
   * @param {{ code?: string, message?: string }} error
   */
  function end(error) {
    const current = get();
    if (!current) return;
    clear();
    /** @type {SessionEnd} */
    const reason = {
      code: error.code ?? 'UNAUTHENTICATED',
      message: error.message ?? '',
      at: Date.now(),
    };
    storage.setItem(endedKey, JSON.stringify(reason));
    if (current.refreshToken && !/^REFRESH_TOKEN_/.test(reason.code))
      void revoke(current.refreshToken);
    notify(reason);
  }

  /**
   * One refresh at a time across the tabs that share `storage`.
   * @template T
   * @param {() => Promise<T>} fn
   * @returns {Promise<T>}
   */
  async function exclusive(fn) {
    if (locks) return locks.request(`${key}.refresh`, fn);
    // Without Web Locks (plain-HTTP pages): a lease in the storage, released or lapsed.
    for (;;) {
      const lease = readLease();
      if (!lease || lease.until < Date.now()) {
        storage.setItem(leaseKey, JSON.stringify({ tab, until: Date.now() + REFRESH_LEASE_MS }));
        // Two tabs that wrote at once: the last write wins, the other waits.
        await pause(LEASE_SETTLE_MS);
        if (readLease()?.tab === tab) break;
      } else await storageChange(leaseKey, Math.min(LEASE_POLL_MS, lease.until - Date.now()));
    }
    try {
      return await fn();
    } finally {
      if (readLease()?.tab === tab) storage.removeItem(leaseKey);
    }
  }

  /**
   * A new access token, unless another caller (here or in another tab) got one since `stale` was
   * read. Concurrent callers share one request; a refresh token is never sent twice.
   * @param {string | null} [stale]
   * @returns {Promise<StoredSession>}
   */
  function refresh(stale = get()?.accessToken ?? null) {
    inflight ??= exclusive(async () => {
      const current = get();
      if (!current) throw new ApiError(401, 'UNAUTHENTICATED', 'Signed out.');
      if (current.accessToken !== stale) return current;
      if (!current.refreshToken) {
        const error = new ApiError(401, 'REFRESH_TOKEN_INVALID', 'No refresh token: sign in.');
        end(error);
        throw error;
      }
      /** @type {TokenAnswer} */
      let answer;
      try {
        answer = /** @type {TokenAnswer} */ (
          await auth.post(
            '/v1/auth/refresh',
            { refreshToken: current.refreshToken },
            { timeoutMs: REFRESH_TIMEOUT_MS },
          )
        );
      } catch (error) {
        if (refused(error)) end(error);
        else schedule(REFRESH_RETRY_MS);
        throw error;
      }
      // Signed out while the answer was on its way: the new token must not revive the session.
      if (get()?.refreshToken !== current.refreshToken) {
        if (answer.refreshToken) void revoke(answer.refreshToken);
        throw new ApiError(401, 'UNAUTHENTICATED', 'Signed out.');
      }
      return set(answer);
    }).finally(() => {
      inflight = null;
    });
    return inflight;
  }

  // Another tab refreshed (its timer now stands for ours) or ended the session.
  globalThis.addEventListener?.('storage', (event) => {
    if (event.storageArea !== storage || event.key !== key) return;
    if (event.newValue !== null) schedule();
    else {
      clearTimeout(timer);
      notify(endedReason());
    }
  });
  schedule();

  return {
    get,
    set,
    /** Forgets the session here only (see logout). */
    clear,
    end,
    refresh,
    token() {
      return get()?.accessToken ?? null;
    },
    /**
     * The access token to send now. An expired one is renewed first (waiting at most `waitMs`,
     * else a NetworkError); one about to expire is renewed in the background.
     * @param {number} [waitMs]
     * @returns {Promise<string | null>}
     */
    async fresh(waitMs = REFRESH_WAIT_MS) {
      const current = get();
      if (!current?.refreshToken) return current?.accessToken ?? null;
      const left = current.expiresAt - Date.now();
      if (left > refreshLeadMs(current)) return current.accessToken;
      const pending = refresh(current.accessToken);
      if (left > 0) {
        pending.catch(() => undefined);
        return current.accessToken;
      }
      return (await within(pending, waitMs)).accessToken;
    },
    /** True when only signing in again helps: the access token expired and cannot be renewed. */
    expired() {
      const current = get();
      if (!current) return false;
      const now = Date.now();
      const accessOver = (current.expiresAt ?? (current.claims?.exp ?? Infinity) * 1000) < now;
      const renewable = current.refreshToken && (current.refreshExpiresAt ?? Infinity) > now;
      return accessOver && !renewable;
    },
    /** @returns {SessionEnd | null} why the last session ended, until the next sign-in */
    endReason() {
      return endedReason();
    },
    /** @param {(end: SessionEnd | null) => void} fn */
    onEnded(fn) {
      endListeners.push(fn);
    },
    /** Signs out here at once, then at pass-service, which ends the refresh token's family. */
    async logout() {
      const refreshToken = get()?.refreshToken;
      storage.removeItem(endedKey);
      clear();
      if (refreshToken) await revoke(refreshToken);
    },
  };
}
/** @typedef {ReturnType<typeof createSession>} Session */

/**
 * Resolves on a `storage` event for `name` from another tab, or after `ms`.
 * @param {string} name
 * @param {number} ms
 * @returns {Promise<void>}
 */
function storageChange(name, ms) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      globalThis.removeEventListener?.('storage', onEvent);
      resolve(undefined);
    };
    /** @param {StorageEvent} event */
    const onEvent = (event) => {
      if (event.key === name) done();
    };
    const timer = setTimeout(done, ms);
    globalThis.addEventListener?.('storage', onEvent);
  });
}

/**
 * The language the page shows, as the Accept-Language of every API call: the API then writes its
 * error messages in it (the code stays the same), and errorText shows them as they come.
 */
function apiLanguage() {
  const lang =
    pageLanguage ?? (typeof localStorage === 'undefined' ? null : localStorage.getItem(LANG_KEY));
  return lang === 'en' ? 'en' : 'zh-CN';
}

/**
 * @typedef {{ body?: unknown, headers?: Record<string, string>, timeoutMs?: number,
 *   as?: 'json' | 'response' | 'blob' | 'text' }} RequestOptions
 */
/**
 * createApi's calls as a page that checks what comes from the network declares its client: the
 * answers are `unknown` until the page says what it expects.
 * @typedef {{ get: (path: string, options?: RequestOptions) => Promise<unknown>,
 *   post: (path: string, body: unknown, options?: RequestOptions) => Promise<unknown> }} JsonApi
 */
/**
 * A JSON API client. Errors become ApiError (with the API's code and message) or NetworkError.
 * With a `session`, the access token is renewed before it expires, and a request refused as
 * UNAUTHENTICATED (an expired token) is sent once more after a refresh. A refresh the server
 * refuses, or a 401 that stays, ends the session and calls `onUnauthorized`, so the page can
 * return to its login; a refresh that cannot reach pass-service is a NetworkError.
 * @param {{ base?: string, session?: Session | null, token?: () => string | null,
 *   onUnauthorized?: (error: ApiError) => void }} [options]
 */
export function createApi({
  base = '',
  session = null,
  token = () => session?.token() ?? null,
  onUnauthorized = () => {},
} = {}) {
  /**
   * @param {string} method
   * @param {string} path
   * @param {string | null} bearer
   * @param {RequestOptions} options
   * @returns {Promise<unknown>} the parsed JSON, or the Response, Blob or text `as` asks for
   */
  async function send(method, path, bearer, { body, headers = {}, timeoutMs, as = 'json' }) {
    /** @type {RequestInit & { headers: Record<string, string> }} */
    const init = { method, headers: { 'Accept-Language': apiLanguage(), ...headers } };
    if (bearer) init.headers.Authorization = `Bearer ${bearer}`;
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    if (timeoutMs) {
      const controller = new AbortController();
      init.signal = controller.signal;
      timer = setTimeout(() => controller.abort(), timeoutMs);
    }
    let response;
    try {
      response = await fetch(base + path, init);
    } catch (error) {
      throw new NetworkError(error);
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) {
      /** @type {unknown} */
      let payload = null;
      try {
        payload = await response.json();
      } catch {
        // not JSON: a proxy's error page, for instance
      }
      const { code, message } = /** @type {{ code?: unknown, message?: unknown }} */ (
        typeof payload === 'object' && payload !== null ? payload : {}
      );
      throw new ApiError(
        response.status,
        typeof code === 'string' ? code : `HTTP_${response.status}`,
        typeof message === 'string' ? message : response.statusText,
      );
    }
    if (as === 'response') return response;
    if (as === 'blob') return response.blob();
    if (as === 'text') return response.text();
    return response.status === 204 ? null : /** @type {Promise<unknown>} */ (response.json());
  }

  /**
   * The session is over: end it (the first reason wins) and tell the page.
   * @param {ApiError} error
   */
  const unauthorized = (error) => {
    session?.end(error);
    onUnauthorized(error);
    return error;
  };
  /**
   * A token from the session; a refresh it refused ends it, one that failed otherwise is thrown.
   * @param {() => Promise<string | null>} get
   */
  async function tokenFrom(get) {
    try {
      return await get();
    } catch (error) {
      if (error instanceof ApiError && !session?.get()) throw unauthorized(error);
      throw error;
    }
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {RequestOptions} [options]
   * @returns {Promise<any>} what `send` answers; the caller says what it expects (a JSDoc cast)
   */
  async function request(method, path, options = {}) {
    const waitMs = options.timeoutMs ?? REFRESH_WAIT_MS;
    let bearer = session ? await tokenFrom(() => session.fresh(waitMs)) : token();
    try {
      return await send(method, path, bearer, options);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'ACCOUNT_DISABLED') throw unauthorized(error);
      if (error.status !== 401) throw error;
      if (!session || !bearer || error.code !== 'UNAUTHENTICATED') throw unauthorized(error);
    }
    // An expired (or otherwise stale) access token: once more with a new one.
    bearer = await tokenFrom(
      async () => (await within(session.refresh(bearer), waitMs)).accessToken,
    );
    try {
      return await send(method, path, bearer, options);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) throw unauthorized(error);
      throw error;
    }
  }
  return {
    request,
    /** @param {string} path @param {RequestOptions} [options] */
    get: (path, options) => request('GET', path, options),
    /** @param {string} path @param {unknown} body @param {RequestOptions} [options] */
    post: (path, body, options) => request('POST', path, { ...options, body }),
  };
}

/** A v4 UUID; crypto.randomUUID exists only on secure origins, getRandomValues everywhere. */
export function uuid() {
  if (typeof globalThis.crypto?.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A short-lived message at the bottom of the screen, announced to screen readers.
 * @param {string} message
 * @param {'info' | 'ok' | 'error'} [kind]
 */
export function toast(message, kind = 'info') {
  let region = document.getElementById('toasts');
  if (!region) {
    region = Object.assign(document.createElement('div'), { id: 'toasts', className: 'toasts' });
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    document.body.append(region);
  }
  // textContent: a message from the API stays text.
  const item = Object.assign(document.createElement('div'), {
    className: `toast toast-${kind}`,
    textContent: message,
  });
  region.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

/**
 * The text to show for a failed call: the API's message and its code.
 * @param {unknown} error
 * @param {(key: string) => string} t
 */
export function errorText(error, t) {
  if (error instanceof NetworkError) return `${t('err.network')} (NETWORK_ERROR)`;
  if (error instanceof ApiError) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Local date and time, short, in the page's language; '—' for none.
 * @param {string | null | undefined} iso
 * @param {Lang} lang
 * @param {boolean} [withSeconds]
 */
export function formatTime(iso, lang, withSeconds = false) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return date.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: withSeconds ? '2-digit' : undefined,
    hour12: false,
  });
}

/**
 * A pass's facts as a definition list (`<dl class="facts">`, each page styles it): a row whose
 * value is empty is left out.
 * @param {[key: string, value: string | null | undefined][]} facts
 * @param {(key: string) => string} label the row's title from its key
 */
export function factList(facts, label) {
  return html`<dl class="facts">
    ${facts
      .filter(([, value]) => value)
      .map(
        ([key, value]) =>
          html`<dt>${label(key)}</dt>
            <dd>${value}</dd>`,
      )}
  </dl>`;
}

const LOGIN_TEXT = {
  zh: {
    title: '登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    busy: '正在登录…',
    role: '此页面仅供以下角色使用：{roles}',
    ended: '已退出登录：{why}（{code}）',
  },
  en: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Signing in…',
    role: 'This page is for: {roles}',
    ended: 'Signed out: {why} ({code})',
  },
};

/**
 * Why a session ended, in words: "signed out: this account has been disabled (ACCOUNT_DISABLED)".
 * @param {SessionEnd} end
 * @param {Lang} lang
 */
export function sessionEndText(end, lang) {
  const why = Object.hasOwn(SESSION_END_LABELS, end.code)
    ? SESSION_END_LABELS[end.code]
    : SESSION_END_LABELS.other;
  return fill(LOGIN_TEXT[lang].ended, { why: why[lang], code: end.code });
}

/**
 * Renders a login form into `container` (a fresh element inside it, drawn with lit-html); on
 * success stores the session and calls `onLogin`. `loginUrl` is pass-service's `/v1/auth/login`
 * (cross-origin for the scanner and dashboard). Above the form: why the last session ended, if
 * the server ended it. The form is drawn in the language it is mounted in: a page mounts it again
 * after a switch.
 * @param {HTMLElement} container
 * @param {{ i18n: { lang: Lang, t: (key: string) => string }, session: Session,
 *   loginUrl: string, roles: string[], onLogin: (session: StoredSession) => void,
 *   note?: string }} options
 */
export function mountLogin(container, { i18n, session, loginUrl, roles, onLogin, note }) {
  /**
   * @param {keyof (typeof LOGIN_TEXT)['zh']} key
   * @param {Record<string, unknown>} [vars]
   */
  const text = (key, vars = {}) => fill(LOGIN_TEXT[i18n.lang][key], vars);
  const ended = session.endReason();
  // Mounted again (a language switch): what was typed stays.
  const typed = /** @type {HTMLInputElement | null} */ (container.querySelector('#login-username'));
  const host = document.createElement('div');
  container.replaceChildren(host);
  let busy = false;
  let error = '';
  const username = createRef();
  const password = createRef();
  const draw = () =>
    render(
      html`<form class="card login-card" novalidate @submit=${submit}>
        <h2>${text('title')}</h2>
        ${
          ended
            ? html`<p id="session-ended" class="banner banner-bad" role="alert">
                ${sessionEndText(ended, i18n.lang)}
              </p>`
            : nothing
        }
        ${note ? html`<p class="muted">${note}</p>` : nothing}
        <label for="login-username">${text('username')}</label>
        <input
          id="login-username"
          name="username"
          autocomplete="username"
          required
          ${ref(username)}
        />
        <label for="login-password">${text('password')}</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          ${ref(password)}
        />
        <p class="form-error" role="alert">${error}</p>
        <button type="submit" class="btn btn-primary btn-block" ?disabled=${busy}>
          ${text(busy ? 'busy' : 'submit')}
        </button>
        <p class="muted small">${text('role', { roles: roles.join(', ') })}</p>
      </form>`,
      host,
    );
  /** @param {SubmitEvent} event */
  function submit(event) {
    event.preventDefault();
    void signIn();
  }
  async function signIn() {
    error = '';
    busy = true;
    draw();
    try {
      /** @type {JsonApi} */
      const api = createApi();
      const user = /** @type {HTMLInputElement} */ (username.value);
      const pass = /** @type {HTMLInputElement} */ (password.value);
      /** @type {TokenAnswer} */
      const login = /** @type {TokenAnswer} */ (
        await api.post(loginUrl, { username: user.value.trim(), password: pass.value })
      );
      const saved = session.set(login);
      if (!roles.includes(saved.claims.role ?? login.role ?? '')) {
        void session.logout();
        throw new ApiError(403, 'ROLE_FORBIDDEN', text('role', { roles: roles.join(', ') }));
      }
      onLogin(saved);
    } catch (e) {
      error = errorText(e, i18n.t);
    } finally {
      busy = false;
      // Unless onLogin has replaced the form already.
      if (host.isConnected) draw();
    }
  }
  draw();
  const field = /** @type {HTMLInputElement} */ (username.value);
  field.value = typed?.value ?? '';
  field.focus();
}
