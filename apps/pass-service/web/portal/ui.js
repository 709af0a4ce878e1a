// @ts-check
// The portal's building blocks, as lit-html templates drawn from the state: form fields whose
// value, hint and busy state live in the store's drafts (so a redraw, in either language, finds
// them), buttons that are busy while their request runs, reason forms and list blocks. Text in a
// template binding is always a text node: what the API sends is never parsed as HTML.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { live } from '/vendor/lit-html/directives/live.js';
import { CARGO_LABELS, errorText, formatTime, toast } from '/shared/common.js';
import { EMPTY_LIST } from './state.js';

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
 * @property {(session: import('/shared/common.js').StoredSession, tab?: string | null) => void}
 *   signedIn shows the signed-in view (the role's first tab, or `tab`)
 */
/** @typedef {import('./state.js').Draft} Draft */
/** @typedef {import('./state.js').PortalState} State */
/** @typedef {import('/vendor/lit-html/lit-html.js').TemplateResult} TemplateResult */

/**
 * A tab: `enter` runs when it is chosen (loads its data), `render` draws it from the state (and
 * the drafts), again after every change and every language switch.
 * @typedef {{ id: string, labelKey: string, enter?: (ctx: Ctx) => void,
 *   render: (ctx: Ctx) => unknown }} View
 */

/** @param {Ctx} ctx @param {string} code */
export const cargoLabel = (ctx, code) => CARGO_LABELS[code]?.[ctx.i18n.lang] ?? code ?? '—';

/**
 * A status badge: `prefix.status` is its label, `badge-<status>` its colour.
 * @param {Ctx} ctx
 * @param {string} status
 */
export const statusBadge = (ctx, status, prefix = 'status') =>
  html`<span class="badge badge-${status}">${ctx.t(`${prefix}.${status}`)}</span>`;

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
 * A form's error line, showing `draft.error` (an i18n key or a failed call).
 * @param {Ctx} ctx
 * @param {Draft} draft
 */
export function formError(ctx, draft) {
  const { error } = draft;
  const text = !error ? '' : typeof error === 'string' ? ctx.t(error) : errorText(error, ctx.t);
  return html`<p class="form-error" role="alert">${text}</p>`;
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
 * The options of `field`: the input's type (`select` makes a select), its check, the i18n key of
 * its resting hint, a select's options, the value of a fresh form, and the input's other
 * attributes (autocomplete, inputmode, maxlength, placeholder …).
 * @typedef {{ type?: string, check?: (value: string) => import('./checks.js').CheckResult,
 *   hintKey?: string, options?: [string, string][], initial?: string,
 *   attrs?: { autocomplete?: string, autocapitalize?: string, inputmode?: string,
 *     spellcheck?: string, maxlength?: number, placeholder?: string } }} FieldOptions
 */

/**
 * A labelled input with a hint line. Its value and whether its check shows are kept in the
 * draft `draftKey`, so every redraw brings both back (in the current language). The check shows
 * as soon as the value is valid, but an invalid one only once the field is left (or submitted):
 * nobody is told off in the middle of typing.
 * @param {Ctx} ctx
 * @param {string} draftKey
 * @param {string} id
 * @param {string} key
 * @param {FieldOptions} [options]
 */
export function field(ctx, draftKey, id, key, options = {}) {
  const { type = 'text', check, hintKey, initial, attrs = {} } = options;
  const { t, store } = ctx;
  const draft = store.draft(draftKey);
  // A select holds its first option until another is chosen; the submit reads it from the draft.
  const start = initial ?? (type === 'select' ? options.options?.[0]?.[0] : undefined);
  if (draft.values[id] === undefined && start !== undefined) draft.values[id] = start;
  const value = draft.values[id] ?? '';
  const result = check && draft.shown[id] ? check(value) : null;
  const hint = result?.text ?? (hintKey ? t(hintKey) : '');
  const hintClass = !result ? 'hint' : `hint ${result.ok ? (result.text ? 'ok' : '') : 'bad'}`;
  const invalid = result ? String(!result.ok) : nothing;
  /** @param {Event} event */
  const typed = (event) => {
    const next = /** @type {HTMLInputElement} */ (event.target).value;
    const wasBad = Boolean(check && draft.shown[id] && !check(draft.values[id] ?? '').ok);
    draft.values[id] = next;
    // A choice may change what the form shows (a tractor's trailer field, a role's scope).
    if (!check) {
      if (type === 'select') store.editDraft(draftKey, {});
      return;
    }
    const shown = wasBad || check(next).ok;
    if (shown || draft.shown[id])
      store.editDraft(draftKey, { shown: { ...draft.shown, [id]: shown } });
  };
  /** @param {Event} event */
  const left = (event) => {
    if (check && /** @type {HTMLInputElement} */ (event.target).value !== '')
      store.editDraft(draftKey, { shown: { ...draft.shown, [id]: true } });
  };
  const describedBy = `${id}-hint`;
  const control =
    type === 'select'
      ? html`<select id=${id} name=${id} aria-describedby=${describedBy} @change=${typed}>
          ${(options.options ?? []).map(
            ([v, label]) =>
              html`<option value=${v} .selected=${live(v === value)}>${label}</option>`,
          )}
        </select>`
      : html`<input
          id=${id}
          name=${id}
          type=${type}
          aria-describedby=${describedBy}
          aria-invalid=${invalid}
          autocomplete=${attrs.autocomplete ?? nothing}
          autocapitalize=${attrs.autocapitalize ?? nothing}
          inputmode=${attrs.inputmode ?? nothing}
          spellcheck=${attrs.spellcheck ?? nothing}
          maxlength=${attrs.maxlength ?? nothing}
          placeholder=${attrs.placeholder ?? nothing}
          .value=${live(value)}
          @input=${typed}
          @blur=${left}
        />`;
  return html`<div>
    <label for=${id}>${t(key)}</label>${control}
    <p class=${hintClass} id=${describedBy} aria-live="polite">${hint}</p>
  </div>`;
}

/**
 * The value of field `id` as the draft holds it (what was typed, or the field's first option).
 * @param {Draft} draft
 * @param {string} id
 */
export const valueOf = (draft, id) => draft.values[id] ?? '';

/**
 * Shows the check of every field in `ids` (and what `more` checks) and answers whether all pass;
 * on a failure the form's error says so and the first invalid field gets the focus once drawn.
 * @param {Ctx} ctx
 * @param {string} draftKey
 * @param {HTMLFormElement} form
 * @param {[string, (value: string) => import('./checks.js').CheckResult][]} checks
 *   each field's id and check
 * @param {(() => boolean)[]} [more] checks that are not a field's (the division pickers)
 */
export function validateAll(ctx, draftKey, form, checks, more = []) {
  const draft = ctx.store.draft(draftKey);
  const shown = { ...draft.shown };
  for (const [id] of checks) shown[id] = true;
  const ok = [
    ...checks.map(([id, check]) => check(valueOf(draft, id)).ok),
    ...more.map((check) => check()),
  ].every(Boolean);
  ctx.store.editDraft(draftKey, (d) => ({
    shown: { ...d.shown, ...shown },
    error: ok ? null : 'v.fix',
  }));
  // The page draws in a microtask queued by the change above; this one runs after it.
  if (!ok) {
    queueMicrotask(() =>
      /** @type {HTMLElement | null} */ (form.querySelector('[aria-invalid="true"]'))?.focus(),
    );
  }
  return ok;
}

// ---------------------------------------------------------------------------------------------
// Buttons and actions

/**
 * A button whose busy state is `draft`'s: disabled and "submitting…" while its request runs.
 * @param {Ctx} ctx
 * @param {Draft} draft
 * @param {string} key
 * @param {string} [className]
 * @param {'submit' | 'button'} [type]
 * @param {() => void} [onClick]
 */
export const button = (
  ctx,
  draft,
  key,
  className = 'btn btn-primary btn-block',
  type = 'submit',
  onClick,
) =>
  html`<button type=${type} class=${className} ?disabled=${draft.busy} @click=${onClick}>
    ${ctx.t(draft.busy ? 'btn.busy' : key)}
  </button>`;

/**
 * Runs `work` once at a time per draft, its button disabled meanwhile.
 * @template T
 * @param {Ctx} ctx
 * @param {string} draftKey
 * @param {() => Promise<T>} work
 * @returns {Promise<T | undefined>} undefined when the draft was busy already
 */
export async function busy(ctx, draftKey, work) {
  if (ctx.store.draft(draftKey).busy) return undefined;
  ctx.store.editDraft(draftKey, { busy: true });
  try {
    return await work();
  } finally {
    ctx.store.editDraft(draftKey, { busy: false });
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
export const actionButton = (ctx, draftKey, key, className, action) =>
  button(ctx, ctx.store.draft(draftKey), key, className, 'button', () => {
    void busy(ctx, draftKey, action);
  });

/**
 * A reason field and a confirm button that call `action(reason)`; the typed reason survives a
 * redraw. `optional`: an empty reason is allowed. `extra`: more inputs before the button.
 * @param {Ctx} ctx
 * @param {string} draftKey
 * @param {string} promptKey
 * @param {string} buttonKey
 * @param {string} buttonClass
 * @param {(reason: string) => Promise<unknown>} action
 * @param {{ optional?: boolean, extra?: unknown, type?: string, autocomplete?: string,
 *   id?: string }} [options]
 */
export function reasonForm(ctx, draftKey, promptKey, buttonKey, buttonClass, action, options = {}) {
  const { optional = false, extra = nothing, type = 'text', autocomplete = 'off' } = options;
  const draft = ctx.store.draft(draftKey);
  const value = draft.values.reason ?? '';
  /** @param {SubmitEvent} event */
  const submit = async (event) => {
    event.preventDefault();
    const form = /** @type {HTMLFormElement} */ (event.currentTarget);
    const reason = draft.values.reason ?? '';
    if (!optional && !reason.trim()) {
      ctx.store.editDraft(draftKey, (d) => ({ shown: { ...d.shown, reason: true } }));
      form.querySelector('input')?.focus();
      return;
    }
    await busy(ctx, draftKey, () => action(type === 'password' ? reason : reason.trim()));
  };
  return html`<form class="inline-form" @submit=${listener(submit)}>
    <input
      id=${options.id ?? nothing}
      type=${type}
      aria-label=${ctx.t(promptKey)}
      placeholder=${ctx.t(promptKey)}
      maxlength="500"
      ?required=${!optional}
      autocomplete=${autocomplete}
      aria-invalid=${draft.shown.reason && !value.trim() ? 'true' : nothing}
      .value=${live(value)}
      @input=${(/** @type {Event} */ event) =>
        (draft.values.reason = /** @type {HTMLInputElement} */ (event.target).value)}
    />${extra}${button(ctx, draft, buttonKey, `btn ${buttonClass}`)}
  </form>`;
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
  const list = ctx.store.get().lists[key] ?? EMPTY_LIST;
  return html`<div>
    ${
      list.items.length
        ? draw(/** @type {T[]} */ (list.items))
        : list.loading
          ? html`<p class="empty">${ctx.t('list.loading')}</p>`
          : list.loaded
            ? html`<p class="empty">${ctx.t(emptyKey)}</p>`
            : nothing
    }
    ${
      list.nextCursor
        ? html`<button type="button" class="btn" ?disabled=${list.loading} @click=${onMore}>
            ${ctx.t('btn.more')}
          </button>`
        : nothing
    }
  </div>`;
}

/**
 * A `<select>` of `[value, label]` options whose choice is kept in `draft.values[id]`.
 * @param {Draft} draft
 * @param {string} id
 * @param {string[][]} options `[value, label]` pairs
 * @param {() => void} [onChange] after the choice was kept
 */
export function choice(draft, id, options, onChange = () => {}) {
  const chosen = draft.values[id] ?? options[0]?.[0];
  /** @param {Event} event */
  const changed = (event) => {
    draft.values[id] = /** @type {HTMLSelectElement} */ (event.target).value;
    onChange();
  };
  return html`<select id=${id} name=${id} @change=${changed}>
    ${options.map(
      ([value, label]) =>
        html`<option value=${value} .selected=${live(value === chosen)}>${label}</option>`,
    )}
  </select>`;
}

/**
 * Key–value facts of `details` (an audit entry's) as "key=value" text.
 * @param {Record<string, string | number | boolean | null> | null | undefined} details
 */
export const factsText = (details) =>
  Object.entries(details ?? {})
    .map(([k, v]) => `${k}=${v === null ? '—' : String(v)}`)
    .join(' · ');

/**
 * A table under its column labels (dictionary keys), a row per item.
 * @template T
 * @param {Ctx} ctx
 * @param {{ id: string, headers: string[], items: T[], row: (item: T) => unknown }} table
 */
export const dataTable = (ctx, { id, headers, items, row }) =>
  html`<div class="table-wrap">
    <table id=${id}>
      <thead>
        <tr>
          ${headers.map((key) => html`<th scope="col">${ctx.t(key)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${items.map(row)}
      </tbody>
    </table>
  </div>`;
