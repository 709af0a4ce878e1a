// @ts-check
// Plate transfers. A plate belongs to one enterprise; another one asks for it with a reason and
// an official in scope (or an admin) decides. Enterprises see their own requests and the
// requests for their plates; officials and admins get the pending queue.
import { h, toast } from '/shared/common.js';
import {
  busy,
  button,
  checkPlate,
  choice,
  fail,
  field,
  formError,
  labelled,
  listBlock,
  listener,
  plateOf,
  reasonForm,
  statusBadge,
  time,
  validateAll,
} from '../ui.js';

/** @typedef {import('../ui.js').Ctx} Ctx */
/** @typedef {import('../api.js').Transfer} Transfer */

const LIST = 'transfers';
const FILTERS = 'filters:transfers';
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
    return h(
      'p',
      { class: 'banner banner-warn', role: 'status' },
      t('ok.transferRequested', { p: plate }),
    );
  }
  const box = h('div', { class: 'banner banner-warn transfer-offer' });
  const offer = reasonForm(
    ctx,
    draftKey,
    'transfer.prompt',
    'btn.requestTransfer',
    'btn-primary',
    async (reason) => {
      try {
        const transfer = await api.transfers.request(plate, reason);
        draft.sentFor = plate;
        draft.values.reason = '';
        toast(t('ok.transferRequested', { p: plate }), 'ok');
        arrived(ctx, transfer);
        box.replaceWith(transferOffer(ctx, draftKey, plate));
      } catch (e) {
        fail(ctx, e);
      }
    },
  );
  box.append(h('p', {}, t('held.offer', { plate })), offer.form);
  return box;
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
    const status = choice(filters, 'tf-status', [
      ['', t('filter.any')],
      ...STATUSES.map((s) => [s, t(`tr.${s}`)]),
    ]);
    status.addEventListener('change', () => void load(ctx, true));
    return [
      isEnterprise(ctx) ? requestForm(ctx) : null,
      h(
        'section',
        { class: 'card' },
        h('h2', {}, t('tab.transfers')),
        h('p', { class: 'muted small' }, t('tr.intro')),
        h(
          'div',
          { class: 'filters' },
          h('div', {}, h('label', { for: 'tf-status' }, t('f.state')), status),
        ),
        listBlock(
          ctx,
          LIST,
          (items) =>
            h(
              'div',
              { class: 'pass-list', 'aria-live': 'polite' },
              items.map((/** @type {Transfer} */ x) => card(ctx, x)),
            ),
          { emptyKey: 'list.transfersEmpty', onMore: () => void load(ctx, false) },
        ),
      ),
    ];
  },
};

/** @param {Ctx} ctx */
function requestForm(ctx) {
  const { t, api, store } = ctx;
  const draft = store.draft('transfers:request');
  const plate = field(ctx, draft, 'tr-plate', 'f.plate', {
    check: checkPlate(ctx),
    attrs: {
      autocapitalize: 'characters',
      spellcheck: 'false',
      maxlength: 32,
      placeholder: '豫B12345',
    },
  });
  const reason = field(ctx, draft, 'tr-reason', 'transfer.prompt', {
    check: (v) => (v.trim() ? { ok: true } : { ok: false, text: t('v.required') }),
    attrs: { maxlength: 500 },
  });
  const error = formError(ctx, draft);
  const submit = button(ctx, draft, 'btn.requestTransfer');
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('h2', {}, t('btn.requestTransfer')),
    h('div', { class: 'grid grid-2' }, plate.wrap, reason.wrap),
    error.el,
    submit,
  );
  form.addEventListener(
    'submit',
    listener(async (event) => {
      event.preventDefault();
      error.set(null);
      if (!validateAll(form, error, [() => plate.validate(true), () => reason.validate(true)]))
        return;
      const wanted = plateOf(plate.input.value);
      await busy(ctx, draft, async () => {
        try {
          const transfer = await api.transfers.request(wanted, reason.input.value.trim());
          toast(t('ok.transferRequested', { p: wanted }), 'ok');
          plate.set('');
          reason.set('');
          arrived(ctx, transfer);
        } catch (e) {
          error.set(e);
        }
      });
    }),
  );
  return form;
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
  return h(
    'article',
    { class: 'pass-item transfer-item' },
    h(
      'div',
      { class: 'pass-head' },
      h('span', { class: 'plate' }, transfer.plate),
      statusBadge(ctx, transfer.status, 'tr'),
      side ? h('span', { class: 'muted small' }, t(side)) : null,
    ),
    h(
      'div',
      { class: 'small' },
      labelled(ctx, 'tr.from', transfer.fromEnterpriseName ?? transfer.fromEnterpriseId),
    ),
    h(
      'div',
      { class: 'small' },
      labelled(ctx, 'tr.to', transfer.toEnterpriseName ?? transfer.toEnterpriseId),
    ),
    h('div', { class: 'small' }, labelled(ctx, 'tr.reason', transfer.reason)),
    transfer.decisionReason
      ? h('div', { class: 'small' }, labelled(ctx, 'tr.decision', transfer.decisionReason))
      : null,
    h(
      'div',
      { class: 'muted small' },
      labelled(ctx, 'tr.created', time(ctx, transfer.createdAt)),
      transfer.decidedAt ? ` · ${labelled(ctx, 'tr.decided', time(ctx, transfer.decidedAt))}` : '',
    ),
    transfer.status === 'pending' && !isEnterprise(ctx) ? decide(ctx, transfer) : null,
  );
}

/** Approve (with an optional note) or reject (with a reason) a pending transfer. */
/** @param {Ctx} ctx @param {Transfer} transfer */
function decide(ctx, transfer) {
  const { t, api, lists, store } = ctx;
  const key = (/** @type {string} */ what) => `transfer:${transfer.id}:${what}`;
  /**
   * @param {unknown} answer
   * @param {string} status
   * @param {string | null} reason
   * @param {string} message
   */
  const decided = (answer, status, reason, message) => {
    toast(message, 'ok');
    const filter = store.draft(FILTERS).values['tf-status'];
    const next = {
      ...transfer,
      status,
      decisionReason: reason || null,
      ...(answer && typeof answer === 'object' ? answer : {}),
    };
    lists.edit(LIST, (/** @type {Transfer[]} */ items) =>
      filter && filter !== status
        ? items.filter((x) => x.id !== transfer.id)
        : items.map((x) => (x.id === transfer.id ? next : x)),
    );
  };
  const p = transfer.plate;
  return [
    reasonForm(
      ctx,
      key('approve'),
      'tr.approvePrompt',
      'btn.approve',
      'btn-ok',
      async (reason) => {
        try {
          const answer = await api.transfers.approve(transfer.id, reason);
          store.clearDraft(key('approve'));
          decided(answer, 'approved', reason, t('ok.transferApproved', { p }));
        } catch (e) {
          fail(ctx, e);
        }
      },
      { optional: true },
    ).form,
    reasonForm(ctx, key('reject'), 'reject.prompt', 'btn.reject', 'btn-danger', async (reason) => {
      try {
        const answer = await api.transfers.reject(transfer.id, reason);
        store.clearDraft(key('reject'));
        decided(answer, 'rejected', reason, t('ok.transferRejected', { p }));
      } catch (e) {
        fail(ctx, e);
      }
    }).form,
  ];
}
