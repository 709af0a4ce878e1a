// @ts-check
// The audit trail (admins: all; officials: their jurisdiction's), filtered by action, target and
// time, newest first, a page at a time.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { live } from '/vendor/lit-html/directives/live.js';
import { formatTime } from '/shared/common.js';
import { dictionary } from '../dictionary.js';
import { choice, dataTable, factsText, listBlock } from '../ui.js';

/** @typedef {import('../ui.js').Ctx} Ctx */
/** @typedef {import('../api.js').AuditEntry} AuditEntry */

const LIST = 'audit';
const FILTERS = 'filters:audit';

/**
 * The actions and target types the filters offer are the ones the dictionary names (a test
 * holds them equal to libs/audit's), so the page keeps no second list.
 */
const codesOf = (/** @type {string} */ prefix) =>
  Object.keys(dictionary.zh)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
const ACTIONS = codesOf('action.');
const TARGET_TYPES = codesOf('target.');

/** A `datetime-local` value as an ISO instant ('' stays ''). */
const instant = (/** @type {string | undefined} */ value) =>
  value ? new Date(value).toISOString() : '';

/** @param {Ctx} ctx @param {boolean} reset */
const load = (ctx, reset) => {
  const f = ctx.store.draft(FILTERS).values;
  return ctx.lists.load(
    LIST,
    (cursor) =>
      ctx.api.audit.list({
        action: f['af-action'],
        targetType: f['af-target-type'],
        targetId: f['af-target-id']?.trim(),
        from: instant(f['af-from']),
        to: instant(f['af-to']),
        limit: 50,
        cursor,
      }),
    reset,
  );
};

/** A label from the dictionary, or the code itself when the page does not know it yet. */
/** @param {Ctx} ctx @param {string} key @param {string} code */
const known = (ctx, key, code) => (key in dictionary.zh ? ctx.t(key) : code);

/** @type {import('../ui.js').View} */
export const auditView = {
  id: 'audit',
  labelKey: 'tab.audit',
  enter(ctx) {
    ctx.store.clearDraft(FILTERS);
    void load(ctx, true);
  },
  render(ctx) {
    const { t, store } = ctx;
    const filters = store.draft(FILTERS);
    /** @param {string} id @param {string} [type] */
    const text = (id, type = 'text') =>
      html`<input
        id=${id}
        name=${id}
        type=${type}
        maxlength=${type === 'text' ? 100 : nothing}
        spellcheck=${type === 'text' ? 'false' : nothing}
        autocomplete=${type === 'text' ? 'off' : nothing}
        .value=${live(filters.values[id] ?? '')}
        @input=${(/** @type {Event} */ event) =>
          (filters.values[id] = /** @type {HTMLInputElement} */ (event.target).value)}
      />`;
    /** @param {string} id @param {string} key @param {unknown} control */
    const labelledInput = (id, key, control) =>
      html`<div><label for=${id}>${t(key)}</label>${control}</div>`;
    /** @param {SubmitEvent} event */
    const submit = (event) => {
      event.preventDefault();
      void load(ctx, true);
    };
    return html`<section class="card">
      <h2>${t('tab.audit')}</h2>
      <form class="filters audit-filters" @submit=${submit}>
        ${labelledInput(
          'af-action',
          'f.action',
          choice(filters, 'af-action', [
            ['', t('filter.any')],
            ...ACTIONS.map((a) => [a, t(`action.${a}`)]),
          ]),
        )}
        ${labelledInput(
          'af-target-type',
          'f.targetType',
          choice(filters, 'af-target-type', [
            ['', t('filter.any')],
            ...TARGET_TYPES.map((type) => [type, t(`target.${type}`)]),
          ]),
        )}
        ${labelledInput('af-target-id', 'f.targetId', text('af-target-id'))}
        ${labelledInput('af-from', 'f.from', text('af-from', 'datetime-local'))}
        ${labelledInput('af-to', 'f.to', text('af-to', 'datetime-local'))}
        <button type="submit" class="btn btn-primary">${t('btn.filter')}</button>
      </form>
      ${listBlock(ctx, LIST, (/** @type {AuditEntry[]} */ entries) => table(ctx, entries), {
        emptyKey: 'list.auditEmpty',
        onMore: () => void load(ctx, false),
      })}
    </section>`;
  },
};

/** @param {Ctx} ctx @param {AuditEntry[]} entries */
function table(ctx, entries) {
  const headers = [
    'audit.at',
    'audit.actor',
    'f.action',
    'audit.target',
    'audit.division',
    'f.reason',
    'audit.details',
    'audit.request',
  ];
  /** @param {AuditEntry} entry */
  const row = (entry) => {
    const role = entry.actor?.role;
    return html`<tr data-action=${entry.action}>
      <td class="nowrap">${formatTime(entry.at, ctx.i18n.lang, true)}</td>
      <td>
        ${entry.actor?.name ?? '—'}${
          role
            ? html`<span class="muted small"> · ${known(ctx, `role.${role}`, role)}</span>`
            : nothing
        }
      </td>
      <td class="nowrap">${known(ctx, `action.${entry.action}`, entry.action)}</td>
      <td>
        ${known(ctx, `target.${entry.target?.type}`, entry.target?.type ?? '')}
        <div class="muted small mono">${entry.target?.id ?? ''}</div>
      </td>
      <td>${entry.divisionCode ?? '—'}</td>
      <td>${entry.reason ?? ''}</td>
      <td class="small">${factsText(entry.details)}</td>
      <td class="muted small mono">${entry.requestId ?? ''}</td>
    </tr>`;
  };
  return dataTable(ctx, { id: 'audit-table', headers, items: entries, row });
}
