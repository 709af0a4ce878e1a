// @ts-check
// Plate transfers. A plate belongs to one enterprise; another one asks for it with a reason and
// an official in scope (or an admin) decides. Enterprises see their own requests and the
// requests for their plates; officials and admins get the pending queue.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { repeat } from '/vendor/lit-html/directives/repeat.js';
import { toast } from '/shared/common.js';
import { checkPlate, plateOf } from '../checks.js';
import {
  busy,
  button,
  choice,
  fail,
  field,
  formError,
  labelled,
  listBlock,
  listener,
  reasonForm,
  statusBadge,
  time,
  validateAll,
  valueOf,
} from '../ui.js';

/** @typedef {import('../ui.js').Ctx} Ctx */
/** @typedef {import('../api.js').Transfer} Transfer */

const LIST = 'transfers';
const FILTERS = 'filters:transfers';
const REQUEST = 'transfers:request';
const STATUSES = ['pending', 'approved', 'rejected'];

const isEnterprise = (/** @type {Ctx} */ ctx) => ctx.claims().role === 'enterprise';

/** @param {Ctx} ctx @param {boolean} reset */
const load = (ctx, reset) => {
  const status = ctx.store.draft(FILTERS).values['tf-status'];
  return ctx.lists.load(
    LIST,
    (cursor) => ctx.api.transfers.list({ status, limit: 20, cursor }),
    reset,
  );
};

/** A new request shows at the top of the list, if the list is showing. */
/** @param {Ctx} ctx @param {Transfer} transfer */
const arrived = (ctx, transfer) =>
  ctx.lists.edit(LIST, (items) => [
    transfer,
    .../** @type {Transfer[]} */ (items).filter((x) => x.id !== transfer.id),
  ]);

/**
 * "This plate is another enterprise's: request a transfer" with the reason field, shown where an
 * application or a registration was refused with PLATE_HELD_BY_OTHER.
 * @param {Ctx} ctx
 * @param {string} draftKey
 * @param {string} plate
 */
export function transferOffer(ctx, draftKey, plate) {
  const { t, api, store } = ctx;
  const draft = store.draft(draftKey);
  if (draft.sentFor === plate) {
    return html`<p class="banner banner-warn" role="status">
      ${t('ok.transferRequested', { p: plate })}
    </p>`;
  }
  /** @param {string} reason */
  const request = async (reason) => {
    try {
      const transfer = await api.transfers.request(plate, reason);
      store.editDraft(draftKey, (d) => ({ sentFor: plate, values: { ...d.values, reason: '' } }));
      toast(t('ok.transferRequested', { p: plate }), 'ok');
      arrived(ctx, transfer);
    } catch (e) {
      fail(ctx, e);
    }
  };
  return html`<div class="banner banner-warn transfer-offer">
    <p>${t('held.offer', { plate })}</p>
    ${reasonForm(ctx, draftKey, 'transfer.prompt', 'btn.requestTransfer', 'btn-primary', request)}
  </div>`;
}

/** @type {import('../ui.js').View} */
export const transfersView = {
  id: 'transfers',
  labelKey: 'tab.transfers',
  enter(ctx) {
    ctx.store.clearDraft(FILTERS);
    // Officials start with what waits for them; enterprises with all of theirs.
    if (!isEnterprise(ctx)) ctx.store.draft(FILTERS).values['tf-status'] = 'pending';
    void load(ctx, true);
  },
  render(ctx) {
    const { t, store } = ctx;
    const filters = store.draft(FILTERS);
    const status = choice(
      filters,
      'tf-status',
      [['', t('filter.any')], ...STATUSES.map((s) => [s, t(`tr.${s}`)])],
      () => void load(ctx, true),
    );
    return html`${isEnterprise(ctx) ? requestForm(ctx) : nothing}
      <section class="card">
        <h2>${t('tab.transfers')}</h2>
        <p class="muted small">${t('tr.intro')}</p>
        <div class="filters">
          <div><label for="tf-status">${t('f.state')}</label>${status}</div>
        </div>
        ${listBlock(
          ctx,
          LIST,
          (/** @type {Transfer[]} */ items) =>
            html`<div class="pass-list" aria-live="polite">
              ${repeat(
                items,
                (x) => x.id,
                (x) => card(ctx, x),
              )}
            </div>`,
          { emptyKey: 'list.transfersEmpty', onMore: () => void load(ctx, false) },
        )}
      </section>`;
  },
};

/** @param {Ctx} ctx */
function requestForm(ctx) {
  const { t, api, store } = ctx;
  const draft = store.draft(REQUEST);
  /** @type {[string, import('../checks.js').Check][]} */
  const checks = [
    ['tr-plate', checkPlate(ctx)],
    ['tr-reason', (v) => (v.trim() ? { ok: true } : { ok: false, text: t('v.required') })],
  ];
  /** @param {SubmitEvent} event */
  const submit = async (event) => {
    event.preventDefault();
    const form = /** @type {HTMLFormElement} */ (event.currentTarget);
    store.editDraft(REQUEST, { error: null });
    if (!validateAll(ctx, REQUEST, form, checks)) return;
    const wanted = plateOf(valueOf(draft, 'tr-plate'));
    await busy(ctx, REQUEST, async () => {
      try {
        const transfer = await api.transfers.request(wanted, valueOf(draft, 'tr-reason').trim());
        toast(t('ok.transferRequested', { p: wanted }), 'ok');
        store.clearDraft(REQUEST);
        arrived(ctx, transfer);
      } catch (e) {
        store.editDraft(REQUEST, { error: e });
      }
    });
  };
  return html`<form class="card" novalidate @submit=${listener(submit)}>
    <h2>${t('btn.requestTransfer')}</h2>
    <div class="grid grid-2">
      ${field(ctx, REQUEST, 'tr-plate', 'f.plate', {
        check: checks[0][1],
        attrs: {
          autocapitalize: 'characters',
          spellcheck: 'false',
          maxlength: 32,
          placeholder: '豫B12345',
        },
      })}
      ${field(ctx, REQUEST, 'tr-reason', 'transfer.prompt', {
        check: checks[1][1],
        attrs: { maxlength: 500 },
      })}
    </div>
    ${formError(ctx, draft)} ${button(ctx, draft, 'btn.requestTransfer')}
  </form>`;
}

/** @param {Ctx} ctx @param {Transfer} transfer */
function card(ctx, transfer) {
  const { t } = ctx;
  const mine = ctx.claims().ent;
  const side =
    isEnterprise(ctx) && mine
      ? transfer.toEnterpriseId === mine
        ? 'tr.outgoing'
        : 'tr.incoming'
      : null;
  const dates = `${labelled(ctx, 'tr.created', time(ctx, transfer.createdAt))}${
    transfer.decidedAt ? ` · ${labelled(ctx, 'tr.decided', time(ctx, transfer.decidedAt))}` : ''
  }`;
  return html`<article class="pass-item transfer-item">
    <div class="pass-head">
      <span class="plate">${transfer.plate}</span>${statusBadge(ctx, transfer.status, 'tr')}${
        side ? html`<span class="muted small">${t(side)}</span>` : nothing
      }
    </div>
    <div class="small">
      ${labelled(ctx, 'tr.from', transfer.fromEnterpriseName ?? transfer.fromEnterpriseId)}
    </div>
    <div class="small">
      ${labelled(ctx, 'tr.to', transfer.toEnterpriseName ?? transfer.toEnterpriseId)}
    </div>
    <div class="small">${labelled(ctx, 'tr.reason', transfer.reason)}</div>
    ${
      transfer.decisionReason
        ? html`<div class="small">${labelled(ctx, 'tr.decision', transfer.decisionReason)}</div>`
        : nothing
    }
    <div class="muted small">${dates}</div>
    ${transfer.status === 'pending' && !isEnterprise(ctx) ? decide(ctx, transfer) : nothing}
  </article>`;
}

/** Approve (with an optional note) or reject (with a reason) a pending transfer. */
/** @param {Ctx} ctx @param {Transfer} transfer */
function decide(ctx, transfer) {
  const { t, api, lists, store } = ctx;
  const key = (/** @type {string} */ what) => `transfer:${transfer.id}:${what}`;
  /**
   * The request as the API answered it: it leaves a list of another status.
   * @param {Transfer} next
   * @param {string} message
   */
  const decided = (next, message) => {
    toast(message, 'ok');
    const filter = store.draft(FILTERS).values['tf-status'];
    lists.edit(LIST, (/** @type {Transfer[]} */ items) =>
      filter && filter !== next.status
        ? items.filter((x) => x.id !== transfer.id)
        : items.map((x) => (x.id === transfer.id ? next : x)),
    );
  };
  const p = transfer.plate;
  return html`${reasonForm(
    ctx,
    key('approve'),
    'tr.approvePrompt',
    'btn.approve',
    'btn-ok',
    async (reason) => {
      try {
        const answer = await api.transfers.approve(transfer.id, reason);
        store.clearDraft(key('approve'));
        decided(answer, t('ok.transferApproved', { p }));
      } catch (e) {
        fail(ctx, e);
      }
    },
    { optional: true },
  )}
  ${reasonForm(ctx, key('reject'), 'reject.prompt', 'btn.reject', 'btn-danger', async (reason) => {
    try {
      const answer = await api.transfers.reject(transfer.id, reason);
      store.clearDraft(key('reject'));
      decided(answer, t('ok.transferRejected', { p }));
    } catch (e) {
      fail(ctx, e);
    }
  })}`;
}
