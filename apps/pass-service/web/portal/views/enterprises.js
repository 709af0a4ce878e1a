// @ts-check
// Officials' and admins' enterprise review: the queue of newly registered enterprises (approve,
// reject with a reason), and the active and suspended ones (suspend with a reason, optionally
// revoking their issued passes; reinstate). Officials see only their jurisdiction's.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { live } from '/vendor/lit-html/directives/live.js';
import { repeat } from '/vendor/lit-html/directives/repeat.js';
import { toast } from '/shared/common.js';
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
    const status = choice(
      filters,
      'ef-status',
      [...STATUSES.map((s) => [s, t(`ent.${s}`)]), ['', t('filter.any')]],
      () => void load(ctx, true),
    );
    return html`<section class="card">
      <h2>${t('tab.enterprises')}</h2>
      <p class="muted small">${t('ent.intro')}</p>
      <div class="filters">
        <div><label for="ef-status">${t('f.state')}</label>${status}</div>
      </div>
      ${listBlock(
        ctx,
        LIST,
        (/** @type {Enterprise[]} */ items) =>
          html`<div class="pass-list" aria-live="polite">
            ${repeat(
              items,
              (e) => e.id,
              (e) => card(ctx, e),
            )}
          </div>`,
        { emptyKey: 'list.enterprisesEmpty', onMore: () => void load(ctx, false) },
      )}
    </section>`;
  },
};

/** @param {Ctx} ctx @param {Enterprise} enterprise */
function card(ctx, enterprise) {
  const division = `${enterprise.divisionName ?? ''} (${enterprise.divisionCode})`.trim();
  const contact = `${enterprise.contactName} ${enterprise.contactPhone ?? ''}`.trim();
  const dates = `${labelled(ctx, 'ent.created', time(ctx, enterprise.createdAt))}${
    enterprise.decidedAt
      ? ` · ${labelled(ctx, 'ent.decided', time(ctx, enterprise.decidedAt))}`
      : ''
  }`;
  return html`<article class="pass-item enterprise-item" data-credit-code=${enterprise.creditCode}>
    <div class="pass-head">
      <strong class="enterprise-name">${enterprise.name}</strong>${statusBadge(
        ctx,
        enterprise.status,
        'ent',
      )}
    </div>
    <div class="small">${labelled(ctx, 'ent.creditCode', enterprise.creditCode)}</div>
    <div class="small">${labelled(ctx, 'ent.division', division)}</div>
    <div class="small">${labelled(ctx, 'ent.contact', contact)}</div>
    <div class="muted small">${dates}</div>
    ${
      enterprise.statusReason
        ? html`<div class="reason">${labelled(ctx, 'ent.reason', enterprise.statusReason)}</div>`
        : nothing
    }
    ${actions(ctx, enterprise)}
  </article>`;
}

/** @param {Ctx} ctx @param {Enterprise} enterprise */
function actions(ctx, enterprise) {
  const { t, api, lists, store } = ctx;
  const id = enterprise.id;
  const key = (/** @type {string} */ what) => `enterprise:${id}:${what}`;
  /**
   * The enterprise as the API answered it: it leaves a list of another status.
   * @param {Enterprise} next
   * @param {string} message
   */
  const decided = (next, message) => {
    toast(message, 'ok');
    const filter = statusFilter(ctx);
    lists.edit(LIST, (/** @type {Enterprise[]} */ items) =>
      filter && filter !== next.status
        ? items.filter((e) => e.id !== id)
        : items.map((e) => (e.id === id ? next : e)),
    );
  };
  const n = enterprise.name;
  switch (enterprise.status) {
    case 'pending_review':
      return html`<div class="actions">
          ${actionButton(ctx, key('approve'), 'btn.approve', 'btn btn-ok', async () => {
            try {
              const answer = await api.enterprises.approve(id);
              decided(answer, t('ok.enterpriseApproved', { n }));
            } catch (e) {
              fail(ctx, e);
            }
          })}
        </div>
        ${reasonForm(
          ctx,
          key('reject'),
          'reject.prompt',
          'btn.reject',
          'btn-danger',
          async (reason) => {
            try {
              const answer = await api.enterprises.reject(id, reason);
              store.clearDraft(key('reject'));
              decided(answer, t('ok.enterpriseRejected', { n }));
            } catch (e) {
              fail(ctx, e);
            }
          },
        )}`;
    case 'active': {
      const draft = store.draft(key('suspend'));
      const revoke = html`<label class="check" for=${`revoke-${id}`}
        ><input
          type="checkbox"
          id=${`revoke-${id}`}
          .checked=${live(Boolean(draft.revokePasses))}
          @change=${(/** @type {Event} */ event) =>
            (draft.revokePasses = /** @type {HTMLInputElement} */ (event.target).checked)}
        />${t('suspend.revoke')}</label
      >`;
      return reasonForm(
        ctx,
        key('suspend'),
        'suspend.prompt',
        'btn.suspend',
        'btn-danger',
        async (reason) => {
          try {
            const answer = await api.enterprises.suspend(id, reason, Boolean(draft.revokePasses));
            store.clearDraft(key('suspend'));
            const k = answer?.passesRevoked ?? 0;
            decided(answer, k ? t('ok.suspendedRevoked', { n, k }) : t('ok.suspended', { n }));
          } catch (e) {
            fail(ctx, e);
          }
        },
        { extra: revoke },
      );
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
            decided(answer, t('ok.reinstated', { n }));
          } catch (e) {
            fail(ctx, e);
          }
        },
        { optional: true },
      );
    case 'rejected':
      return nothing;
  }
}
