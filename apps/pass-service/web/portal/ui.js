// @ts-check
// The portal's building blocks: regions that redraw from the store, form fields whose value,
// hint and busy state survive a redraw (they live in the store's drafts), the division picker,
// reason forms and list blocks. Everything is built with web/shared's `h`, so text from the API
// is always a text node, never parsed as HTML.
import { CARGO_LABELS, errorText, formatTime, h, toast } from '/shared/common.js';
import {
  creditCodeProblem,
  isValidUsername,
  normalizeCreditCode,
  normalizeLicenceNumber,
  normalizeMobile,
  parsePlate,
  parseTonsToKg,
} from '../validate.js';
import { EMPTY_LIST, latestOnly } from './state.js';

/**
 * What portal.js hands every view.
 * @typedef {object} Ctx
 * @property {(key: string, vars?: Record<string, unknown>) => string} t
 * @property {{ readonly lang: 'zh' | 'en', t: (key: string) => string }} i18n
 * @property {import('./api.js').PortalApi} api
 * @property {import('./state.js').Store} store
 * @property {ReturnType<typeof import('./state.js').createLists>} lists
 * @property {() => import('/shared/common.js').AccessClaims} claims the signed-in user's
 *   access-token claims
 * @property {(tab: string | null) => void} navigate shows a tab (and loads its data)
 * @property {(id: string, onChange?: () => void) => void} openPass
 * @property {(dispose: () => void) => void} onDispose runs when the current drawing is replaced
 * @property {() => void} redraw draws the current view again from the state
 * @property {(session: import('/shared/common.js').StoredSession, tab?: string | null) => void}
 *   signedIn shows the signed-in view (the role's first tab, or `tab`)
 */
/** @typedef {import('./state.js').Draft} Draft */
/** @typedef {import('./state.js').PortalState} State */

/**
 * A tab: `enter` runs when it is chosen (loads its data), `render` draws it from the state, again
 * after a language switch.
 * @typedef {{ id: string, labelKey: string, enter?: (ctx: Ctx) => void,
 *   render: (ctx: Ctx) => unknown }} View
 */

/**
 * @param {unknown} content
 * @returns {Node[]}
 */
const toNodes = (content) =>
  [content]
    .flat(Infinity)
    .filter((c) => c !== undefined && c !== null && c !== false)
    .map((c) => (c instanceof Node ? c : document.createTextNode(String(c))));

/**
 * An element whose content is `draw(select(state))`, drawn again whenever that part of the state
 * is replaced, until the view it belongs to is replaced.
 * @template T
 * @param {Ctx} ctx
 * @param {(state: State) => T} select
 * @param {(part: T) => unknown} draw
 * @param {Record<string, unknown>} [attrs]
 */
export function region(ctx, select, draw, attrs = {}) {
  const el = h('div', attrs);
  let shown = select(ctx.store.get());
  el.replaceChildren(...toNodes(draw(shown)));
  ctx.onDispose(
    ctx.store.subscribe((state) => {
      const next = select(state);
      if (next === shown) return;
      shown = next;
      el.replaceChildren(...toNodes(draw(next)));
    }),
  );
  return el;
}

/** @param {Ctx} ctx @param {string} code */
export const cargoLabel = (ctx, code) => CARGO_LABELS[code]?.[ctx.i18n.lang] ?? code ?? '—';

/**
 * A status badge: `prefix.status` is its label, `badge-<status>` its colour.
 * @param {Ctx} ctx
 * @param {string} status
 */
export const statusBadge = (ctx, status, prefix = 'status') =>
  h('span', { class: `badge badge-${status}` }, ctx.t(`${prefix}.${status}`));

/**
 * "Label：value" in Chinese, "Label: value" in English.
 * @param {Ctx} ctx
 * @param {string} key
 * @param {string | number} value
 */
export const labelled = (ctx, key, value) =>
  `${ctx.t(key)}${ctx.i18n.lang === 'zh' ? '：' : ': '}${value}`;

/** @param {Ctx} ctx @param {string} iso */
export const time = (ctx, iso) => formatTime(iso, ctx.i18n.lang);

/**
 * A failed call as a toast: the API's message and code.
 * @param {Ctx} ctx
 * @param {unknown} error
 */
export const fail = (ctx, error) => toast(errorText(error, ctx.t), 'error');

/**
 * A form's error line, showing `draft.error` (an i18n key or a failed call) after a redraw too.
 * @param {Ctx} ctx
 * @param {Draft} draft
 */
export function formError(ctx, draft) {
  const el = h('p', { class: 'form-error', role: 'alert' });
  const show = () => {
    const { error } = draft;
    el.textContent = !error
      ? ''
      : typeof error === 'string'
        ? ctx.t(error)
        : errorText(error, ctx.t);
  };
  show();
  return {
    el,
    /** @param {unknown} error an i18n key, or a failed call */
    set(error) {
      draft.error = error;
      show();
    },
  };
}

/**
 * An event listener that runs the async `work`. The browser does nothing with a listener's
 * promise, so this one returns none; `work` shows its own failures (toast, form error).
 * @template {Event} E
 * @param {(event: E) => Promise<void>} work
 * @returns {(event: E) => void}
 */
export const listener = (work) => (event) => void work(event);

// ---------------------------------------------------------------------------------------------
// Fields

/**
 * What a field's `check` answers: valid or not, and the hint to show (the field's own hint when
 * `text` is absent).
 * @typedef {{ ok: boolean, text?: string }} CheckResult
 */

/**
 * The options of `field`: the input's type (`select` and `textarea` make those elements), its
 * check, extra attributes, the i18n key of its resting hint, a select's options and the value
 * of a fresh form.
 * @typedef {{ type?: string, check?: (value: string) => CheckResult,
 *   attrs?: Record<string, unknown>, hintKey?: string, options?: [string, string][],
 *   initial?: string }} FieldOptions
 */

/**
 * A labelled input with a hint line; `check(value)` returns `{ ok, text }` for inline validation.
 * Its value and whether its hint shows are kept in `draft`, so a redraw brings both back (in the
 * new language).
 * @param {Ctx} ctx
 * @param {Draft} draft
 * @param {string} id
 * @param {string} key
 * @param {FieldOptions} [options]
 */
export function field(ctx, draft, id, key, options = {}) {
  const { type = 'text', check, attrs = {}, hintKey, initial } = options;
  const { t } = ctx;
  const tag = type === 'select' ? 'select' : type === 'textarea' ? 'textarea' : 'input';
  const input = /** @type {HTMLInputElement} */ (
    h(
      tag,
      {
        id,
        name: id,
        'aria-describedby': `${id}-hint`,
        ...(tag === 'input' ? { type } : {}),
        ...attrs,
      },
      (options.options ?? []).map(([value, label]) => h('option', { value }, label)),
    )
  );
  if (draft.values[id] === undefined && initial !== undefined) draft.values[id] = initial;
  if (draft.values[id] !== undefined) input.value = draft.values[id];
  const remember = () => (draft.values[id] = input.value);
  input.addEventListener('input', remember);
  input.addEventListener('change', remember);
  const hint = h(
    'p',
    { class: 'hint', id: `${id}-hint`, 'aria-live': 'polite' },
    hintKey ? t(hintKey) : '',
  );
  const wrap = h('div', {}, h('label', { for: id }, t(key)), input, hint);
  const validate = (show = true) => {
    if (!check) return true;
    const result = check(input.value);
    if (show || result.ok) {
      draft.shown[id] = true;
      input.setAttribute('aria-invalid', String(!result.ok));
      hint.textContent = result.text ?? (hintKey ? t(hintKey) : '');
      hint.className = `hint ${result.ok ? (result.text ? 'ok' : '') : 'bad'}`;
    }
    return result.ok;
  };
  input.addEventListener('input', () => validate(input.getAttribute('aria-invalid') === 'true'));
  input.addEventListener('blur', () => validate(input.value !== ''));
  if (draft.shown[id]) validate(true);
  return {
    wrap,
    input,
    hint,
    validate,
    /** Sets the value (and forgets the hint), as after a successful submit. @param {string} value */
    set(value) {
      input.value = value;
      draft.values[id] = value;
      delete draft.shown[id];
      input.removeAttribute('aria-invalid');
      hint.textContent = hintKey ? t(hintKey) : '';
      hint.className = 'hint';
    },
  };
}

/**
 * Runs every check (showing each hint); on a failure shows `v.fix` and focuses the first.
 * @param {HTMLElement} form
 * @param {ReturnType<typeof formError>} error
 * @param {(() => boolean)[]} checks
 */
export function validateAll(form, error, checks) {
  const results = checks.map((check) => check());
  if (!results.includes(false)) return true;
  error.set('v.fix');
  /** @type {HTMLElement | null} */ (form.querySelector('[aria-invalid="true"]'))?.focus();
  return false;
}

/** @typedef {(value: string) => CheckResult} Check */

/**
 * @param {Ctx} ctx
 * @param {number} min
 * @param {number} max
 * @returns {Check}
 */
export const required = (ctx, min, max) => (value) => {
  const v = value.trim();
  if (v.length < min) return { ok: false, text: ctx.t('v.required') };
  return { ok: v.length <= max, text: v.length <= max ? '' : `≤ ${max}` };
};

/** @param {Ctx} ctx @returns {Check} */
export function checkCreditCode(ctx) {
  return (value) => {
    const code = normalizeCreditCode(value);
    if (!code) return { ok: false, text: ctx.t('v.required') };
    const problem = creditCodeProblem(code);
    if (!problem) return { ok: true, text: `${ctx.t('v.creditOk')} · ${code}` };
    if (problem.problem === 'length')
      return { ok: false, text: ctx.t('v.length', { n: code.length }) };
    if (problem.problem === 'check')
      return { ok: false, text: ctx.t('v.check', { c: problem.expected }) };
    return { ok: false, text: ctx.t(`v.${problem.problem}`) };
  };
}

/** @param {Ctx} ctx @returns {Check} */
export function checkPlate(ctx) {
  return (value) => {
    const parsed = parsePlate(value);
    return parsed.ok
      ? { ok: true, text: ctx.t('v.plateOk', { plate: parsed.plate }) }
      : { ok: false, text: ctx.t('v.plate') };
  };
}

/**
 * A motor vehicle's plate: a trailer's plate alone is refused (it goes in its own field).
 * @param {Ctx} ctx
 * @returns {Check}
 */
export function checkMotorPlate(ctx) {
  return (value) => {
    const parsed = parsePlate(value);
    if (!parsed.ok) return { ok: false, text: ctx.t('v.plate') };
    return parsed.kind === 'trailer'
      ? { ok: false, text: ctx.t('v.motorPlate') }
      : { ok: true, text: ctx.t('v.plateOk', { plate: parsed.plate }) };
  };
}

/**
 * A trailer's plate (豫B1234挂); empty is fine, the field is optional.
 * @param {Ctx} ctx
 * @returns {Check}
 */
export function checkTrailerPlate(ctx) {
  return (value) => {
    if (!value.trim()) return { ok: true };
    const parsed = parsePlate(value);
    return parsed.ok && parsed.kind === 'trailer'
      ? { ok: true, text: ctx.t('v.plateOk', { plate: parsed.plate }) }
      : { ok: false, text: ctx.t('v.trailer') };
  };
}

/** The stored form of a plate the checks above accepted. @param {string} value */
export const plateOf = (value) =>
  /** @type {{ ok: true, plate: string }} */ (parsePlate(value)).plate;

/** @param {Ctx} ctx @returns {Check} */
export function checkTonnage(ctx) {
  return (value) => {
    const kg = parseTonsToKg(value);
    return kg === undefined
      ? { ok: false, text: ctx.t('v.tonnage') }
      : { ok: true, text: ctx.t('v.tonnageOk', { kg: kg.toLocaleString() }) };
  };
}

/** @param {Ctx} ctx @returns {Check} */
export const checkLicenceNumber = (ctx) => (value) => {
  const number = normalizeLicenceNumber(value);
  return number
    ? { ok: true, text: number === value ? '' : ctx.t('v.plateOk', { plate: number }) }
    : { ok: false, text: ctx.t('v.licence') };
};

/** @param {Ctx} ctx @returns {Check} */
export const checkPhone = (ctx) => (value) =>
  normalizeMobile(value) ? { ok: true } : { ok: false, text: ctx.t('v.phone') };

/** @param {Ctx} ctx @returns {Check} */
export const checkUsername = (ctx) => (value) =>
  isValidUsername(value) ? { ok: true } : { ok: false, text: ctx.t('v.username') };

/** @param {Ctx} ctx @returns {Check} */
export const checkPassword = (ctx) => (value) =>
  value.length >= 8 && value.length <= 128
    ? { ok: true }
    : { ok: false, text: ctx.t('v.password') };

// ---------------------------------------------------------------------------------------------
// Divisions

/** @typedef {import('./api.js').Division} Division */

/** @type {Map<string, Promise<Division[]>>} */
const divisionCache = new Map();

/**
 * `GET /v1/divisions`, once per parent (a failure is forgotten, so it is asked again).
 * @param {Ctx} ctx
 * @param {string} [parent]
 * @returns {Promise<Division[]>}
 */
export function loadDivisions(ctx, parent) {
  const key = parent ?? '';
  let promise = divisionCache.get(key);
  if (!promise) {
    promise = ctx.api.divisions(parent);
    divisionCache.set(key, promise);
    promise.catch(() => divisionCache.delete(key));
  }
  return promise;
}

/** @type {('province' | 'city' | 'county')[]} */
const LEVELS = ['province', 'city', 'county'];

/**
 * Province → city → county selects fed by `GET /v1/divisions`. If that route fails, a six-digit
 * code field takes their place so the form still works. The choice is kept in `draft`; a redraw
 * chooses it again. `anyLevel`: a province or a city is a valid choice too, and nothing chosen
 * means "nationwide" (an official's scope).
 * @param {Ctx} ctx
 * @param {Draft} draft
 * @param {string} id
 * @param {string} key
 * @param {{ onChange?: () => void, anyLevel?: boolean }} [options]
 */
export function divisionPicker(
  ctx,
  draft,
  id,
  key,
  { onChange = () => {}, anyLevel = false } = {},
) {
  const { t } = ctx;
  const chosen = (draft.divisions[id] ??= { province: '', city: '', county: '', code: '' });
  const selects = LEVELS.map((level) =>
    h('select', {
      id: `${id}-${level}`,
      'aria-label': `${t(key)} · ${t(`div.${level}`)}`,
      disabled: level !== 'province',
    }),
  );
  const fallback = h('input', {
    id: `${id}-code`,
    inputmode: 'numeric',
    pattern: '\\d{6}',
    maxlength: 6,
    hidden: true,
    'aria-label': t(key),
  });
  fallback.value = chosen.code;
  const hint = h('p', { class: 'hint', id: `${id}-hint`, 'aria-live': 'polite' });
  const wrap = h(
    'fieldset',
    { 'aria-describedby': `${id}-hint` },
    h('legend', {}, t(key)),
    h('div', { class: 'division-picker' }, selects, fallback),
    hint,
  );
  /** @param {HTMLSelectElement} select @param {Division[]} items */
  const fill = (select, items) => {
    const level = LEVELS[selects.indexOf(select)];
    const none = anyLevel && level === 'province' ? t('scope.nationwide') : t('div.choose');
    select.replaceChildren(
      h('option', { value: '' }, `${t(`div.${level}`)} · ${none}`),
      ...items.map((d) => h('option', { value: d.code }, d.name)),
    );
    select.disabled = items.length === 0;
  };
  const useFallback = (/** @type {unknown} */ error) => {
    selects.forEach((s) => (s.hidden = true));
    fallback.hidden = false;
    hint.textContent = `${t('div.fallback')} — ${errorText(error, t)}`;
  };
  // A choice made while an earlier one's children are still loading wins: each level keeps a
  // request counter, and the restoring of a redraw gives up once the user has chosen.
  const gates = LEVELS.map(() => latestOnly());
  let edits = 0;
  selects.forEach((select, index) => {
    select.addEventListener(
      'change',
      listener(async () => {
        edits++;
        chosen[LEVELS[index]] = select.value;
        for (const later of selects.slice(index + 1)) {
          chosen[LEVELS[selects.indexOf(later)]] = '';
          fill(later, []);
        }
        const isLatest = gates[index].begin();
        if (select.value && index < 2) {
          try {
            const children = await loadDivisions(ctx, select.value);
            if (isLatest()) fill(selects[index + 1], children);
          } catch (error) {
            if (isLatest()) hint.textContent = errorText(error, t);
          }
        }
        onChange();
      }),
    );
  });
  fallback.addEventListener('input', () => {
    chosen.code = fallback.value;
    onChange();
  });
  selects[0].append(h('option', { value: '' }, t('div.loading')));
  const restore = async () => {
    const mine = edits;
    try {
      fill(selects[0], await loadDivisions(ctx));
    } catch (error) {
      useFallback(error);
      return;
    }
    try {
      for (let i = 0; i < 3 && mine === edits; i++) {
        const value = chosen[LEVELS[i]];
        if (!value) return;
        selects[i].value = value;
        if (i < 2) {
          const children = await loadDivisions(ctx, value);
          if (mine === edits) fill(selects[i + 1], children);
        }
      }
    } catch (error) {
      if (mine === edits) hint.textContent = errorText(error, t);
    }
  };
  void restore();
  const value = () =>
    !fallback.hidden
      ? chosen.code.trim()
      : anyLevel
        ? chosen.county || chosen.city || chosen.province
        : chosen.county;
  const validate = () => {
    draft.shown[id] = true;
    const code = value();
    const ok = /^\d{6}$/.test(code) || (anyLevel && code === '');
    const target = fallback.hidden ? selects[anyLevel ? 0 : 2] : fallback;
    target.setAttribute('aria-invalid', String(!ok));
    if (!ok) hint.textContent = t('v.county');
    else if (hint.textContent === t('v.county')) hint.textContent = '';
    return ok;
  };
  if (draft.shown[id] && !anyLevel) queueMicrotask(validate);
  return { wrap, value, validate };
}

// ---------------------------------------------------------------------------------------------
// Buttons and actions

/**
 * Shows the button of `draft` as busy (disabled, "submitting…") or back to its label.
 * @param {Ctx} ctx
 * @param {Draft} draft
 */
function paint(ctx, draft) {
  const button = draft.button;
  if (!button) return;
  button.disabled = draft.busy;
  button.textContent = ctx.t(draft.busy ? 'btn.busy' : (draft.buttonKey ?? ''));
}

/**
 * A button whose busy state is `draft`'s: a redraw during a request draws it busy again.
 * @param {Ctx} ctx
 * @param {Draft} draft
 * @param {string} key
 * @param {string} [className]
 * @param {'submit' | 'button'} [type]
 */
export function button(ctx, draft, key, className = 'btn btn-primary btn-block', type = 'submit') {
  const el = h('button', { type, class: className }, ctx.t(key));
  draft.button = el;
  draft.buttonKey = key;
  if (draft.busy) paint(ctx, draft);
  return el;
}

/**
 * Runs `work` once at a time per draft, its button disabled meanwhile.
 * @template T
 * @param {Ctx} ctx
 * @param {Draft} draft
 * @param {() => Promise<T>} work
 * @returns {Promise<T | undefined>} undefined when the draft was busy already
 */
export async function busy(ctx, draft, work) {
  if (draft.busy) return undefined;
  draft.busy = true;
  paint(ctx, draft);
  try {
    return await work();
  } finally {
    draft.busy = false;
    paint(ctx, draft);
  }
}

/**
 * A button that runs `action` (busy meanwhile); its state is the draft `draftKey`.
 * @param {Ctx} ctx
 * @param {string} draftKey
 * @param {string} key
 * @param {string} className
 * @param {() => Promise<unknown>} action
 */
export function actionButton(ctx, draftKey, key, className, action) {
  const draft = ctx.store.draft(draftKey);
  const el = button(ctx, draft, key, className, 'button');
  el.addEventListener('click', () => void busy(ctx, draft, action));
  return el;
}

/**
 * A reason field and a confirm button that call `action(reason)`; the typed reason survives a
 * redraw. `optional`: an empty reason is allowed. `extra`: more inputs before the button.
 * @param {Ctx} ctx
 * @param {string} draftKey
 * @param {string} promptKey
 * @param {string} buttonKey
 * @param {string} buttonClass
 * @param {(reason: string) => Promise<unknown>} action
 * @param {{ optional?: boolean, extra?: unknown, type?: string, autocomplete?: string }} [options]
 */
export function reasonForm(ctx, draftKey, promptKey, buttonKey, buttonClass, action, options = {}) {
  const { optional = false, extra = null, type = 'text', autocomplete = 'off' } = options;
  const draft = ctx.store.draft(draftKey);
  const input = h('input', {
    type,
    'aria-label': ctx.t(promptKey),
    placeholder: ctx.t(promptKey),
    maxlength: 500,
    required: !optional,
    autocomplete,
  });
  input.value = draft.values.reason ?? '';
  input.addEventListener('input', () => (draft.values.reason = input.value));
  const submit = button(ctx, draft, buttonKey, `btn ${buttonClass}`);
  const form = h('form', { class: 'inline-form' }, input, extra, submit);
  form.addEventListener(
    'submit',
    listener(async (event) => {
      event.preventDefault();
      if (!optional && !input.value.trim()) {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      await busy(ctx, draft, () => action(type === 'password' ? input.value : input.value.trim()));
    }),
  );
  return { form, input };
}

/**
 * A list of `state.lists[key]`: the items drawn by `draw`, an empty line once loaded, and
 * "load more" while there is a next page. `T` is what the list's fetchPage answers (lists.load).
 * @template T
 * @param {Ctx} ctx
 * @param {string} key
 * @param {(items: T[]) => unknown} draw
 * @param {{ emptyKey: string, onMore: () => void }} options
 */
export function listBlock(ctx, key, draw, { emptyKey, onMore }) {
  return region(
    ctx,
    (state) => state.lists[key] ?? EMPTY_LIST,
    (list) => [
      list.items.length
        ? draw(/** @type {T[]} */ (list.items))
        : list.loading
          ? h('p', { class: 'empty' }, ctx.t('list.loading'))
          : list.loaded
            ? h('p', { class: 'empty' }, ctx.t(emptyKey))
            : null,
      list.nextCursor
        ? h(
            'button',
            { type: 'button', class: 'btn', disabled: list.loading, onclick: onMore },
            ctx.t('btn.more'),
          )
        : null,
    ],
  );
}

/**
 * A `<select>` of `[value, label]` options whose choice is kept in `draft.values[id]`.
 * @param {Draft} draft
 * @param {string} id
 * @param {string[][]} options `[value, label]` pairs
 * @param {Record<string, unknown>} [attrs]
 */
export function choice(draft, id, options, attrs = {}) {
  const select = h(
    'select',
    { id, name: id, ...attrs },
    options.map(([value, label]) => h('option', { value }, label)),
  );
  if (draft.values[id] !== undefined) select.value = draft.values[id];
  select.addEventListener('change', () => (draft.values[id] = select.value));
  return select;
}

/**
 * Key–value facts of `details` (an audit entry's) as "key=value" text.
 * @param {Record<string, string | number | boolean | null> | null | undefined} details
 */
export const factsText = (details) =>
  Object.entries(details ?? {})
    .map(([k, v]) => `${k}=${v === null ? '—' : String(v)}`)
    .join(' · ');
