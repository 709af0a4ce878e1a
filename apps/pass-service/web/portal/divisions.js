// @ts-check
// The division picker: province → city → county selects fed by `GET /v1/divisions`. Each list
// is kept in `state.divisions` under its parent's code ('' for the provinces), so the selects
// show the children of what is chosen now: an answer for an earlier choice only fills the cache
// and never replaces the list on screen. If the provinces cannot be had, a six-digit code field
// takes the selects' place so the form still works.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { live } from '/vendor/lit-html/directives/live.js';
import { errorText } from '/shared/common.js';

/** @typedef {import('./ui.js').Ctx} Ctx */
/** @typedef {import('./api.js').Division} Division */
/** @typedef {import('./state.js').DivisionChoice} DivisionChoice */

/** Requests under way, by parent: a list is asked for once however often it is drawn. */
/** @type {Map<string, Promise<void>>} */
const asking = new Map();

/**
 * The divisions under `parent` ('' for the provinces) as the state holds them; asks for them
 * (once) when it holds nothing yet. A failure stays in the state until the parent is chosen again.
 * @param {Ctx} ctx
 * @param {string} parent
 * @returns {Division[] | { error: unknown } | undefined} undefined while they are loading
 */
function divisionsUnder(ctx, parent) {
  const known = ctx.store.get().divisions[parent];
  if (known || asking.has(parent)) return known;
  /** @param {Division[] | { error: unknown }} answer */
  const keep = (answer) =>
    ctx.store.update((s) => ({ divisions: { ...s.divisions, [parent]: answer } }));
  const request = ctx.api
    .divisions(parent || undefined)
    .then(keep, (error) => keep({ error }))
    .finally(() => asking.delete(parent));
  asking.set(parent, request);
  return undefined;
}

/** Forgets a failed list so that drawing it asks again. @param {Ctx} ctx @param {string} parent */
function retryFailed(ctx, parent) {
  const known = ctx.store.get().divisions[parent];
  if (known && 'error' in known) {
    ctx.store.update((s) => ({ divisions: { ...s.divisions, [parent]: undefined } }));
  }
}

/** @type {('province' | 'city' | 'county')[]} */
const LEVELS = ['province', 'city', 'county'];

/**
 * A division picker whose choice is kept in the draft `draftKey`. `anyLevel`: a province or a
 * city is a valid choice too, and nothing chosen means "nationwide" (an official's scope).
 * `view` draws it; `value()` is the chosen code and `validate()` shows whether it is valid.
 * @param {Ctx} ctx
 * @param {string} draftKey
 * @param {string} id
 * @param {string} key
 * @param {{ anyLevel?: boolean }} [options]
 */
export function divisionPicker(ctx, draftKey, id, key, { anyLevel = false } = {}) {
  const { t, store } = ctx;
  const draft = store.draft(draftKey);
  /** @type {DivisionChoice} */
  const chosen = (draft.divisions[id] ??= { province: '', city: '', county: '', code: '' });
  const provinces = divisionsUnder(ctx, '');
  const fallback = provinces && 'error' in provinces ? provinces.error : null;
  const lists = [
    provinces,
    chosen.province ? divisionsUnder(ctx, chosen.province) : [],
    chosen.city ? divisionsUnder(ctx, chosen.city) : [],
  ];
  const value = () =>
    fallback
      ? chosen.code.trim()
      : anyLevel
        ? chosen.county || chosen.city || chosen.province
        : chosen.county;
  const valid = () => /^\d{6}$/.test(value()) || (anyLevel && value() === '');
  const showsInvalid = Boolean(draft.shown[id]) && !valid();
  const childError = lists.slice(1).find((list) => list && 'error' in list);
  const hint = showsInvalid
    ? t('v.county')
    : fallback
      ? `${t('div.fallback')} — ${errorText(fallback, t)}`
      : childError && 'error' in childError
        ? errorText(childError.error, t)
        : '';
  /** The field that carries aria-invalid: the typed code, or the level that must be chosen. */
  const marked = fallback ? 'code' : anyLevel ? 'province' : 'county';
  const invalidOf = (/** @type {string} */ part) =>
    draft.shown[id] && part === marked ? String(!valid()) : nothing;

  /** @param {number} index @param {Event} event */
  const choose = (index, event) => {
    const code = /** @type {HTMLSelectElement} */ (event.target).value;
    const next = { ...chosen, [LEVELS[index]]: code };
    for (const later of LEVELS.slice(index + 1)) next[later] = '';
    if (code) retryFailed(ctx, code);
    store.editDraft(draftKey, (d) => ({ divisions: { ...d.divisions, [id]: next } }));
  };
  /** @param {Event} event */
  const typed = (event) => {
    chosen.code = /** @type {HTMLInputElement} */ (event.target).value;
    if (draft.shown[id]) store.editDraft(draftKey, {});
  };

  /** @param {'province' | 'city' | 'county'} level @param {number} index */
  const select = (level, index) => {
    const list = lists[index];
    const items = Array.isArray(list) ? list : [];
    const none =
      list === undefined
        ? t('div.loading')
        : anyLevel && level === 'province'
          ? t('scope.nationwide')
          : t('div.choose');
    return html`<select
      id=${`${id}-${level}`}
      aria-label=${`${t(key)} · ${t(`div.${level}`)}`}
      aria-invalid=${invalidOf(level)}
      ?disabled=${items.length === 0}
      @change=${(/** @type {Event} */ event) => choose(index, event)}
    >
      <option value="" .selected=${live(chosen[level] === '')}>
        ${`${t(`div.${level}`)} · ${none}`}
      </option>
      ${items.map(
        (d) =>
          html`<option value=${d.code} .selected=${live(d.code === chosen[level])}>
            ${d.name}
          </option>`,
      )}
    </select>`;
  };

  const view = html`<fieldset aria-describedby=${`${id}-hint`}>
    <legend>${t(key)}</legend>
    <div class="division-picker">
      ${
        fallback
          ? html`<input
              id=${`${id}-code`}
              inputmode="numeric"
              pattern="\\d{6}"
              maxlength="6"
              aria-label=${t(key)}
              aria-invalid=${invalidOf('code')}
              .value=${live(chosen.code)}
              @input=${typed}
            />`
          : LEVELS.map(select)
      }
    </div>
    <p class="hint" id=${`${id}-hint`} aria-live="polite">${hint}</p>
  </fieldset>`;

  return {
    view,
    value,
    /** Shows whether the choice is valid (from now on, in every redraw) and answers it. */
    validate: () => {
      store.editDraft(draftKey, (d) => ({ shown: { ...d.shown, [id]: true } }));
      return valid();
    },
  };
}
