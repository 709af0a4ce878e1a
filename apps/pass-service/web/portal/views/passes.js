// @ts-check
// Pass lists: the enterprise's own, all passes (officials, admins) and the official's review
// queue. What they show comes from the list's state; the phone is shown as the API sends it in
// lists (masked).
import { h, toast } from '/shared/common.js';
import {
  actionButton,
  cargoLabel,
  choice,
  fail,
  labelled,
  listBlock,
  reasonForm,
  region,
  statusBadge,
  time,
} from '../ui.js';

/** @typedef {import('../ui.js').Ctx} Ctx */
/** @typedef {import('../api.js').Pass} Pass */

const STATUSES = ['pending_review', 'issued', 'rejected', 'revoked', 'cancelled'];

/** The head of a pass: its plate (and trailer's) and status badge. */
/** @param {Ctx} ctx @param {Pass} pass @param {unknown} [extra] */
export function passHead(ctx, pass, extra = null) {
  return h(
    'div',
    { class: 'pass-head' },
    h('span', { class: 'plate' }, pass.plate),
    pass.trailerPlate ? h('span', { class: 'plate plate-trailer' }, pass.trailerPlate) : null,
    statusBadge(ctx, pass.status),
    extra,
  );
}

/** Whether the enterprise's own list follows status changes live (live-status.js). */
const liveBadge = (/** @type {Ctx} */ ctx) =>
  region(
    ctx,
    (state) => state.live,
    (live) => (live ? ctx.t('live.on') : ctx.t('live.off')),
    { id: 'live-status', class: 'muted small', 'aria-live': 'polite' },
  );

/** @param {Ctx} ctx @param {Pass} pass */
export function passSummary(ctx, pass) {
  const { t } = ctx;
  const reason = pass.rejectionReason ?? pass.revocationReason;
  return [
    passHead(
      ctx,
      pass,
      pass.crossProvince
        ? h('span', { class: 'badge badge-pending_review' }, t('pass.cross'))
        : null,
    ),
    h('div', {}, pass.passNumber ?? t('pass.pending')),
    h('div', { class: 'muted small' }, `${pass.originName} → ${pass.destinationName}`),
    h(
      'div',
      { class: 'small' },
      `${cargoLabel(ctx, pass.cargoCategory)} · ${pass.tonnage} t · ${time(ctx, pass.validFrom)} – ${time(ctx, pass.validUntil)}`,
    ),
    pass.driverName
      ? h(
          'div',
          { class: 'muted small' },
          labelled(ctx, 'pass.driver', `${pass.driverName} ${pass.driverPhone ?? ''}`.trim()),
        )
      : null,
    reason
      ? h(
          'div',
          { class: 'reason' },
          labelled(
            ctx,
            pass.rejectionReason ? 'pass.rejectionReason' : 'pass.revocationReason',
            reason,
          ),
        )
      : null,
  ];
}

/**
 * A list of passes as a tab: `status` fixes the status filter (the review queue, which also gets
 * approve and reject on each card); otherwise the user filters by status and plate.
 * @param {{ id: string, labelKey: string, status?: string, review?: boolean }} options
 * @returns {import('../ui.js').View}
 */
export function passListView({ id, labelKey, status, review = false }) {
  const filtersKey = `filters:${id}`;
  /** @param {Ctx} ctx */
  const fetchPage = (ctx) => (/** @type {string | null} */ cursor) => {
    const filters = ctx.store.draft(filtersKey).values;
    return ctx.api.passes.list({
      limit: 20,
      status: status ?? filters['filter-status'],
      plate: filters['filter-plate']?.trim(),
      cursor,
    });
  };
  /** @param {Ctx} ctx @param {boolean} reset */
  const load = (ctx, reset) => ctx.lists.load(id, fetchPage(ctx), reset);

  /** @param {Ctx} ctx @param {Pass} pass */
  function card(ctx, pass) {
    const { t, api, lists } = ctx;
    const leave = (/** @type {string} */ message) => {
      toast(message, 'ok');
      lists.edit(id, (/** @type {Pass[]} */ items) => items.filter((p) => p.id !== pass.id));
    };
    const actions = review
      ? [
          h(
            'div',
            { class: 'actions' },
            actionButton(ctx, `approve:${pass.id}`, 'btn.approve', 'btn btn-ok', async () => {
              try {
                await api.passes.approve(pass.id);
                leave(t('ok.approved'));
              } catch (e) {
                fail(ctx, e);
              }
            }),
          ),
          reasonForm(
            ctx,
            `reject:${pass.id}`,
            'reject.prompt',
            'btn.reject',
            'btn-danger',
            async (reason) => {
              try {
                await api.passes.reject(pass.id, reason);
                ctx.store.clearDraft(`reject:${pass.id}`);
                leave(t('ok.rejected'));
              } catch (e) {
                fail(ctx, e);
              }
            },
          ).form,
        ]
      : null;
    return h(
      'article',
      { class: 'pass-item', 'data-pass': pass.id },
      h(
        'button',
        {
          type: 'button',
          class: 'pass-open',
          onclick: () => ctx.openPass(pass.id, () => void load(ctx, true)),
        },
        passSummary(ctx, pass),
      ),
      actions,
    );
  }

  return {
    id,
    labelKey,
    enter(ctx) {
      ctx.store.clearDraft(filtersKey);
      void load(ctx, true);
    },
    render(ctx) {
      const { t } = ctx;
      const filters = ctx.store.draft(filtersKey);
      let form = null;
      if (!review) {
        const plate = h('input', {
          id: 'filter-plate',
          placeholder: '豫B12345',
          autocapitalize: 'characters',
        });
        plate.value = filters.values['filter-plate'] ?? '';
        plate.addEventListener('input', () => (filters.values['filter-plate'] = plate.value));
        form = h(
          'form',
          { class: 'filters' },
          h(
            'div',
            {},
            h('label', { for: 'filter-status' }, t('status.all')),
            choice(filters, 'filter-status', [
              ['', t('status.all')],
              ...STATUSES.map((s) => [s, t(`status.${s}`)]),
            ]),
          ),
          h('div', {}, h('label', { for: 'filter-plate' }, t('f.search')), plate),
          h('button', { type: 'submit', class: 'btn btn-primary' }, t('btn.filter')),
        );
        form.addEventListener('submit', (event) => {
          event.preventDefault();
          void load(ctx, true);
        });
      }
      return h(
        'section',
        { class: 'card' },
        h('h2', {}, t(labelKey)),
        id === 'passes' ? liveBadge(ctx) : null,
        form,
        listBlock(
          ctx,
          id,
          (items) =>
            h(
              'div',
              { class: 'pass-list', 'aria-live': 'polite' },
              items.map((/** @type {Pass} */ pass) => card(ctx, pass)),
            ),
          {
            emptyKey: review ? 'list.reviewEmpty' : 'list.empty',
            onMore: () => void load(ctx, false),
          },
        ),
      );
    },
  };
}
