// @ts-check
// Officials' and admins' enterprise review: the queue of newly registered enterprises (approve,
// reject with a reason), and the active and suspended ones (suspend with a reason, optionally
// revoking their issued passes; reinstate). Officials see only their jurisdiction's.
import { h, toast } from '/shared/common.js';
import {
  actionButton,
  choice,
  fail,
  labelled,
  listBlock,
  reasonForm,
  statusBadge,
  time,
} from '../ui.js';

/** @typedef {import('../ui.js').Ctx} Ctx */
/** @typedef {import('../api.js').Enterprise} Enterprise */

const LIST = 'enterprises';
const FILTERS = 'filters:enterprises';
const STATUSES = ['pending_review', 'active', 'suspended', 'rejected'];

/** @param {Ctx} ctx */
const statusFilter = (ctx) => ctx.store.draft(FILTERS).values['ef-status'] ?? 'pending_review';

/** @param {Ctx} ctx @param {boolean} reset */
const load = (ctx, reset) =>
  ctx.lists.load(
    LIST,
    (cursor) => ctx.api.enterprises.list({ status: statusFilter(ctx), limit: 20, cursor }),
    reset,
  );

/** @type {import('../ui.js').View} */
export const enterprisesView = {
  id: 'enterprises',
  labelKey: 'tab.enterprises',
  enter(ctx) {
    ctx.store.clearDraft(FILTERS);
    void load(ctx, true);
  },
  render(ctx) {
    const { t, store } = ctx;
    const filters = store.draft(FILTERS);
    filters.values['ef-status'] ??= 'pending_review';
    const status = choice(filters, 'ef-status', [
      ...STATUSES.map((s) => [s, t(`ent.${s}`)]),
      ['', t('filter.any')],
    ]);
    status.addEventListener('change', () => void load(ctx, true));
    return h(
      'section',
      { class: 'card' },
      h('h2', {}, t('tab.enterprises')),
      h('p', { class: 'muted small' }, t('ent.intro')),
      h(
        'div',
        { class: 'filters' },
        h('div', {}, h('label', { for: 'ef-status' }, t('f.state')), status),
      ),
      listBlock(
        ctx,
        LIST,
        (items) =>
          h(
            'div',
            { class: 'pass-list', 'aria-live': 'polite' },
            items.map((/** @type {Enterprise} */ e) => card(ctx, e)),
          ),
        { emptyKey: 'list.enterprisesEmpty', onMore: () => void load(ctx, false) },
      ),
    );
  },
};

/** @param {Ctx} ctx @param {Enterprise} enterprise */
function card(ctx, enterprise) {
  return h(
    'article',
    { class: 'pass-item enterprise-item', dataset: { creditCode: enterprise.creditCode } },
    h(
      'div',
      { class: 'pass-head' },
      h('strong', { class: 'enterprise-name' }, enterprise.name),
      statusBadge(ctx, enterprise.status, 'ent'),
    ),
    h('div', { class: 'small' }, labelled(ctx, 'ent.creditCode', enterprise.creditCode)),
    h(
      'div',
      { class: 'small' },
      labelled(
        ctx,
        'ent.division',
        `${enterprise.divisionName ?? ''} (${enterprise.divisionCode})`.trim(),
      ),
    ),
    h(
      'div',
      { class: 'small' },
      labelled(
        ctx,
        'ent.contact',
        `${enterprise.contactName} ${enterprise.contactPhone ?? ''}`.trim(),
      ),
    ),
    h(
      'div',
      { class: 'muted small' },
      labelled(ctx, 'ent.created', time(ctx, enterprise.createdAt)),
      enterprise.decidedAt
        ? ` · ${labelled(ctx, 'ent.decided', time(ctx, enterprise.decidedAt))}`
        : '',
    ),
    enterprise.statusReason
      ? h('div', { class: 'reason' }, labelled(ctx, 'ent.reason', enterprise.statusReason))
      : null,
    actions(ctx, enterprise),
  );
}

/** @param {Ctx} ctx @param {Enterprise} enterprise */
function actions(ctx, enterprise) {
  const { t, api, lists, store } = ctx;
  const id = enterprise.id;
  const key = (/** @type {string} */ what) => `enterprise:${id}:${what}`;
  /** The enterprise is now `status`: it leaves a list of another status. */
  /**
   * @param {unknown} answer
   * @param {string} status
   * @param {string | null} reason
   * @param {string} message
   */
  const decided = (answer, status, reason, message) => {
    toast(message, 'ok');
    const filter = statusFilter(ctx);
    const next = {
      ...enterprise,
      status,
      statusReason: reason ?? null,
      ...(answer && typeof answer === 'object' ? answer : {}),
    };
    lists.edit(LIST, (/** @type {Enterprise[]} */ items) =>
      filter && filter !== next.status
        ? items.filter((e) => e.id !== id)
        : items.map((e) => (e.id === id ? next : e)),
    );
  };
  const n = enterprise.name;
  switch (enterprise.status) {
    case 'pending_review':
      return [
        h(
          'div',
          { class: 'actions' },
          actionButton(ctx, key('approve'), 'btn.approve', 'btn btn-ok', async () => {
            try {
              const answer = await api.enterprises.approve(id);
              decided(answer, 'active', null, t('ok.enterpriseApproved', { n }));
            } catch (e) {
              fail(ctx, e);
            }
          }),
        ),
        reasonForm(
          ctx,
          key('reject'),
          'reject.prompt',
          'btn.reject',
          'btn-danger',
          async (reason) => {
            try {
              const answer = await api.enterprises.reject(id, reason);
              store.clearDraft(key('reject'));
              decided(answer, 'rejected', reason, t('ok.enterpriseRejected', { n }));
            } catch (e) {
              fail(ctx, e);
            }
          },
        ).form,
      ];
    case 'active': {
      const draft = store.draft(key('suspend'));
      const revoke = h('input', { type: 'checkbox', id: `revoke-${id}` });
      revoke.checked = !!draft.revokePasses;
      revoke.addEventListener('change', () => (draft.revokePasses = revoke.checked));
      return reasonForm(
        ctx,
        key('suspend'),
        'suspend.prompt',
        'btn.suspend',
        'btn-danger',
        async (reason) => {
          try {
            const answer = await api.enterprises.suspend(id, reason, revoke.checked);
            store.clearDraft(key('suspend'));
            const k = answer?.passesRevoked ?? 0;
            decided(
              answer,
              'suspended',
              reason,
              k ? t('ok.suspendedRevoked', { n, k }) : t('ok.suspended', { n }),
            );
          } catch (e) {
            fail(ctx, e);
          }
        },
        { extra: h('label', { class: 'check', for: `revoke-${id}` }, revoke, t('suspend.revoke')) },
      ).form;
    }
    case 'suspended':
      return reasonForm(
        ctx,
        key('reinstate'),
        'reinstate.prompt',
        'btn.reinstate',
        'btn-ok',
        async (reason) => {
          try {
            const answer = await api.enterprises.reinstate(id, reason);
            store.clearDraft(key('reinstate'));
            decided(answer, 'active', reason || null, t('ok.reinstated', { n }));
          } catch (e) {
            fail(ctx, e);
          }
        },
        { optional: true },
      ).form;
    default:
      return null;
  }
}
