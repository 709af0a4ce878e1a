// @ts-check
// The audit trail (admins: all; officials: their jurisdiction's), filtered by action, target and
// time, newest first, a page at a time.
import { formatTime, h } from '/shared/common.js';
import { dictionary } from '../dictionary.js';
import { choice, factsText, listBlock } from '../ui.js';

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
    /** @param {string} id @param {Record<string, unknown>} [attrs] */
    const text = (id, attrs = {}) => {
      const input = h('input', { id, name: id, ...attrs });
      input.value = filters.values[id] ?? '';
      input.addEventListener('input', () => (filters.values[id] = input.value));
      return input;
    };
    /** @param {string} id @param {string} key @param {HTMLElement} control */
    const labelledInput = (id, key, control) =>
      h('div', {}, h('label', { for: id }, t(key)), control);
    const form = h(
      'form',
      { class: 'filters audit-filters' },
      labelledInput(
        'af-action',
        'f.action',
        choice(filters, 'af-action', [
          ['', t('filter.any')],
          ...ACTIONS.map((a) => [a, t(`action.${a}`)]),
        ]),
      ),
      labelledInput(
        'af-target-type',
        'f.targetType',
        choice(filters, 'af-target-type', [
          ['', t('filter.any')],
          ...TARGET_TYPES.map((type) => [type, t(`target.${type}`)]),
        ]),
      ),
      labelledInput(
        'af-target-id',
        'f.targetId',
        text('af-target-id', { maxlength: 100, spellcheck: 'false', autocomplete: 'off' }),
      ),
      labelledInput('af-from', 'f.from', text('af-from', { type: 'datetime-local' })),
      labelledInput('af-to', 'f.to', text('af-to', { type: 'datetime-local' })),
      h('button', { type: 'submit', class: 'btn btn-primary' }, t('btn.filter')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void load(ctx, true);
    });
    return h(
      'section',
      { class: 'card' },
      h('h2', {}, t('tab.audit')),
      form,
      listBlock(ctx, LIST, (/** @type {AuditEntry[]} */ entries) => table(ctx, entries), {
        emptyKey: 'list.auditEmpty',
        onMore: () => void load(ctx, false),
      }),
    );
  },
};

/** @param {Ctx} ctx @param {AuditEntry[]} entries */
function table(ctx, entries) {
  const { t } = ctx;
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
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { id: 'audit-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((key) => h('th', { scope: 'col' }, t(key))),
        ),
      ),
      h(
        'tbody',
        {},
        entries.map((entry) =>
          h(
            'tr',
            { dataset: { action: entry.action } },
            h('td', { class: 'nowrap' }, formatTime(entry.at, ctx.i18n.lang, true)),
            h(
              'td',
              {},
              entry.actor?.name ?? '—',
              entry.actor?.role
                ? h(
                    'span',
                    { class: 'muted small' },
                    ` · ${known(ctx, `role.${entry.actor.role}`, entry.actor.role)}`,
                  )
                : null,
            ),
            h('td', { class: 'nowrap' }, known(ctx, `action.${entry.action}`, entry.action)),
            h(
              'td',
              {},
              known(ctx, `target.${entry.target?.type}`, entry.target?.type ?? ''),
              h('div', { class: 'muted small mono' }, entry.target?.id ?? ''),
            ),
            h('td', {}, entry.divisionCode ?? '—'),
            h('td', {}, entry.reason ?? ''),
            h('td', { class: 'small' }, factsText(entry.details)),
            h('td', { class: 'muted small mono' }, entry.requestId ?? ''),
          ),
        ),
      ),
    ),
  );
}
