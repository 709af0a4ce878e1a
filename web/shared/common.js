// @ts-check
// Shared browser helpers of the three e-Pass pages: every service serves this folder at
// /shared/ beside its own page, and scripts/build-pages.mjs bundles it into each page's build.

const LANG_KEY = 'epass.lang';
const PASS_SERVICE_KEY = 'epass.passServiceUrl';

/** A tiny i18n: `dict` is `{ zh: {...}, en: {...} }`; zh-CN is the default. */
export function createI18n(dict) {
  /** @type {'zh' | 'en'} */
  let lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  const listeners = [];
  const t = (key, vars = {}) => {
    const text = dict[lang][key] ?? dict.zh[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
  };
  /** @param {ParentNode} [root] */
  const apply = (root = document) => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    for (const el of root.querySelectorAll('[data-i18n]'))
      el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n);
    for (const el of root.querySelectorAll('[data-i18n-placeholder]')) {
      const input = /** @type {HTMLInputElement} */ (el);
      input.placeholder = t(input.dataset.i18nPlaceholder);
    }
    for (const el of root.querySelectorAll('[data-i18n-aria]'))
      el.setAttribute('aria-label', t(/** @type {HTMLElement} */ (el).dataset.i18nAria));
    for (const el of root.querySelectorAll('[data-i18n-title]')) {
      const titled = /** @type {HTMLElement} */ (el);
      titled.title = t(titled.dataset.i18nTitle);
    }
  };
  return {
    t,
    apply,
    get lang() {
      return lang;
    },
    set(next) {
      lang = next === 'en' ? 'en' : 'zh';
      localStorage.setItem(LANG_KEY, lang);
      apply();
      listeners.forEach((fn) => fn(lang));
    },
    onChange(fn) {
      listeners.push(fn);
    },
  };
}

/**
 * Builds an element; children that are strings become text nodes, so data is never parsed as HTML.
 * `attrs`: `on…` functions become listeners, `class` the class name, `dataset` data-* values,
 * `true` an empty attribute, `false`/null/undefined none, anything else its text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...unknown} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function')
      el.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    else if (name === 'class') el.className = /** @type {string} */ (value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An error the API answered with: `{ statusCode, code, message }`. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** fetch itself failed (offline, DNS, refused, timed out): there is no answer to show. */
export class NetworkError extends Error {
  constructor(cause) {
    super(cause?.message ?? 'network error');
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

/** The access token's payload (`role`, `usr`, `ent`, `cp`, `exp`); not verified, only read. */
export function decodeJwt(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/** The session in a Storage (sessionStorage by default; the scanner uses localStorage to work offline). */
export function createSession(storage = sessionStorage, key = 'epass.session') {
  return {
    get() {
      try {
        const session = JSON.parse(storage.getItem(key) ?? 'null');
        return session?.accessToken ? session : null;
      } catch {
        return null;
      }
    },
    set(login) {
      const claims = decodeJwt(login.accessToken) ?? {};
      const session = { ...login, claims };
      storage.setItem(key, JSON.stringify(session));
      return session;
    },
    clear() {
      storage.removeItem(key);
    },
    token() {
      return this.get()?.accessToken ?? null;
    },
    /** True when the token's own expiry has passed (by this device's clock). */
    expired() {
      const exp = this.get()?.claims?.exp;
      return typeof exp === 'number' && exp * 1000 < Date.now();
    },
  };
}

/**
 * A JSON API client. Errors become ApiError (with the API's code and message) or NetworkError;
 * a 401 calls `onUnauthorized` first, so the page can return to its login.
 */
/**
 * @typedef {{ body?: unknown, headers?: Record<string, string>, timeoutMs?: number,
 *   as?: 'json' | 'response' | 'blob' | 'text' }} RequestOptions
 * @param {{ base?: string, token?: () => string | null,
 *   onUnauthorized?: (error: ApiError) => void }} [options]
 */
export function createApi({ base = '', token = () => null, onUnauthorized = () => {} } = {}) {
  /**
   * @param {string} method
   * @param {string} path
   * @param {RequestOptions} [options]
   * @returns {Promise<any>}
   */
  async function request(method, path, { body, headers = {}, timeoutMs, as = 'json' } = {}) {
    /** @type {RequestInit & { headers: Record<string, string> }} */
    const init = { method, headers: { ...headers } };
    const bearer = token();
    if (bearer) init.headers.Authorization = `Bearer ${bearer}`;
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
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
      let payload = null;
      try {
        payload = await response.json();
      } catch {
        // not JSON: a proxy's error page, for instance
      }
      const error = new ApiError(
        response.status,
        payload?.code ?? `HTTP_${response.status}`,
        payload?.message ?? response.statusText,
      );
      if (response.status === 401) onUnauthorized(error);
      throw error;
    }
    if (as === 'response') return response;
    if (as === 'blob') return response.blob();
    if (as === 'text') return response.text();
    return response.status === 204 ? null : response.json();
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
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A short-lived message at the bottom of the screen, announced to screen readers. */
export function toast(message, kind = 'info') {
  let region = document.getElementById('toasts');
  if (!region) {
    region = h('div', { id: 'toasts', class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(region);
  }
  const item = h('div', { class: `toast toast-${kind}` }, message);
  region.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

/** The text to show for a failed call: the API's message and its code. */
export function errorText(error, t) {
  if (error instanceof NetworkError) return `${t('err.network')} (NETWORK_ERROR)`;
  if (error instanceof ApiError) return `${error.message} (${error.code})`;
  return String(error?.message ?? error);
}

/** Local date and time, short, in the page's language. */
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

export const CARGO_LABELS = {
  medical: { zh: '医疗防疫物资', en: 'Medical supplies' },
  daily_necessities: { zh: '生活物资及食品', en: 'Daily necessities and food' },
  agricultural: { zh: '农业生产资料', en: 'Agricultural inputs' },
  energy: { zh: '能源', en: 'Energy' },
  industrial_raw_materials: { zh: '工业原材料', en: 'Industrial raw materials' },
  finished_goods: { zh: '工业产成品', en: 'Finished industrial goods' },
  postal_express: { zh: '邮政快递', en: 'Postal and express' },
  other: { zh: '其他', en: 'Other' },
};

const LOGIN_TEXT = {
  zh: {
    title: '登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    busy: '正在登录…',
    role: '此页面仅供以下角色使用：{roles}',
  },
  en: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Signing in…',
    role: 'This page is for: {roles}',
  },
};

/**
 * Renders a login form into `container`; on success stores the session and calls `onLogin`.
 * `loginUrl` is pass-service's `/v1/auth/login` (cross-origin for the scanner and dashboard).
 */
/**
 * @param {HTMLElement} container
 * @param {{ i18n: { lang: 'zh' | 'en', t: (key: string) => string }, session: any,
 *   loginUrl: string, roles: string[], onLogin: (session: any) => void, note?: string }} options
 */
export function mountLogin(container, { i18n, session, loginUrl, roles, onLogin, note }) {
  const text = (key, vars = {}) =>
    LOGIN_TEXT[i18n.lang][key].replace(/\{(\w+)\}/g, (_, n) => vars[n] ?? '');
  const error = h('p', { class: 'form-error', role: 'alert' });
  const user = h('input', {
    id: 'login-username',
    name: 'username',
    autocomplete: 'username',
    required: true,
  });
  const pass = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const button = h(
    'button',
    { type: 'submit', class: 'btn btn-primary btn-block' },
    text('submit'),
  );
  const form = h(
    'form',
    { class: 'card login-card', novalidate: true },
    h('h2', {}, text('title')),
    note ? h('p', { class: 'muted' }, note) : null,
    h('label', { for: 'login-username' }, text('username')),
    user,
    h('label', { for: 'login-password' }, text('password')),
    pass,
    error,
    button,
    h('p', { class: 'muted small' }, text('role', { roles: roles.join(', ') })),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    button.disabled = true;
    button.textContent = text('busy');
    try {
      const api = createApi();
      const login = await api.post(loginUrl, { username: user.value.trim(), password: pass.value });
      const saved = session.set(login);
      if (!roles.includes(saved.claims.role ?? login.role)) {
        session.clear();
        throw new ApiError(403, 'ROLE_FORBIDDEN', text('role', { roles: roles.join(', ') }));
      }
      onLogin(saved);
    } catch (e) {
      error.textContent = errorText(e, i18n.t);
    } finally {
      button.disabled = false;
      button.textContent = text('submit');
    }
  });
  container.replaceChildren(form);
  user.focus();
}
