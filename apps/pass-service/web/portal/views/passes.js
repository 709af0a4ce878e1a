// @ts-check
// Pass lists: the enterprise's own, all passes (officials, admins) and the official's review
// queue. What they show comes from the list's state; the phone is shown as the API sends it in
// lists (masked).
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { live } from '/vendor/lit-html/directives/live.js';
import { repeat } from '/vendor/lit-html/directives/repeat.js';
import { toast } from '/shared/common.js';
import {
  actionButton,
  cargoLabel,
  choice,
  fail,
  labelled,
  listBlock,
  reasonForm,
  statusBadge,
  time,
} from '../ui.js';

/** @typedef {import('../ui.js').Ctx} Ctx */
/** @typedef {import('../api.js').Pass} Pass */

const STATUSES = ['pending_review', 'issued', 'rejected', 'revoked', 'cancelled'];

/** The head of a pass: its plate (and trailer's) and status badge. */
/** @param {Ctx} ctx @param {Pass} pass @param {unknown} [extra] */
export function passHead(ctx, pass, extra = nothing) {
  return html`<div class="pass-head">
    <span class="plate">${pass.plate}</span>${
      pass.trailerPlate
        ? html`<span class="plate plate-trailer">${pass.trailerPlate}</span>`
        : nothing
    }${statusBadge(ctx, pass.status)}${extra}
  </div>`;
}

/** Whether the enterprise's own list follows status changes live (live-status.js). */
const liveBadge = (/** @type {Ctx} */ ctx) =>
  html`<div id="live-status" class="muted small" aria-live="polite">
    ${ctx.t(ctx.store.get().live ? 'live.on' : 'live.off')}
  </div>`;

/** @param {Ctx} ctx @param {Pass} pass */
export function passSummary(ctx, pass) {
  const { t } = ctx;
  const reason = pass.rejectionReason ?? pass.revocationReason;
  const cross = pass.crossProvince
    ? html`<span class="badge badge-pending_review">${t('pass.cross')}</span>`
    : nothing;
  const load = `${cargoLabel(ctx, pass.cargoCategory)} · ${pass.tonnage} t · ${time(ctx, pass.validFrom)} – ${time(ctx, pass.validUntil)}`;
  const driver = `${pass.driverName} ${pass.driverPhone ?? ''}`.trim();
  const reasonKey = pass.rejectionReason ? 'pass.rejectionReason' : 'pass.revocationReason';
  return html`${passHead(ctx, pass, cross)}
    <div>${pass.passNumber ?? t('pass.pending')}</div>
    <div class="muted small">${pass.originName} → ${pass.destinationName}</div>
    <div class="small">${load}</div>
    ${
      pass.driverName
        ? html`<div class="muted small">${labelled(ctx, 'pass.driver', driver)}</div>`
        : nothing
    }
    ${reason ? html`<div class="reason">${labelled(ctx, reasonKey, reason)}</div>` : nothing}`;
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
  function reviewActions(ctx, pass) {
    const { t, api, lists } = ctx;
    const leave = (/** @type {string} */ message) => {
      toast(message, 'ok');
      lists.edit(id, (/** @type {Pass[]} */ items) => items.filter((p) => p.id !== pass.id));
    };
    const approve = async () => {
      try {
        await api.passes.approve(pass.id);
        leave(t('ok.approved'));
      } catch (e) {
        fail(ctx, e);
      }
    };
    /** @param {string} reason */
    const reject = async (reason) => {
      try {
        await api.passes.reject(pass.id, reason);
        ctx.store.clearDraft(`reject:${pass.id}`);
        leave(t('ok.rejected'));
      } catch (e) {
        fail(ctx, e);
      }
    };
    return html`<div class="actions">
        ${actionButton(ctx, `approve:${pass.id}`, 'btn.approve', 'btn btn-ok', approve)}
      </div>
      ${reasonForm(ctx, `reject:${pass.id}`, 'reject.prompt', 'btn.reject', 'btn-danger', reject)}`;
  }

  /** @param {Ctx} ctx @param {Pass} pass */
  const card = (ctx, pass) =>
    html`<article class="pass-item" data-pass=${pass.id}>
      <button
        type="button"
        class="pass-open"
        @click=${() => ctx.openPass(pass.id, () => void load(ctx, true))}
      >
        ${passSummary(ctx, pass)}
      </button>
      ${review ? reviewActions(ctx, pass) : nothing}
    </article>`;

  /** @param {Ctx} ctx */
  function filterForm(ctx) {
    const { t } = ctx;
    const filters = ctx.store.draft(filtersKey);
    /** @param {SubmitEvent} event */
    const submit = (event) => {
      event.preventDefault();
      void load(ctx, true);
    };
    return html`<form class="filters" @submit=${submit}>
      <div>
        <label for="filter-status">${t('status.all')}</label>
        ${choice(filters, 'filter-status', [
          ['', t('status.all')],
          ...STATUSES.map((s) => [s, t(`status.${s}`)]),
        ])}
      </div>
      <div>
        <label for="filter-plate">${t('f.search')}</label>
        <input
          id="filter-plate"
          placeholder="豫B12345"
          autocapitalize="characters"
          .value=${live(filters.values['filter-plate'] ?? '')}
          @input=${(/** @type {Event} */ event) =>
            (filters.values['filter-plate'] = /** @type {HTMLInputElement} */ (event.target).value)}
        />
      </div>
      <button type="submit" class="btn btn-primary">${t('btn.filter')}</button>
    </form>`;
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
      return html`<section class="card">
        <h2>${t(labelKey)}</h2>
        ${id === 'passes' ? liveBadge(ctx) : nothing} ${review ? nothing : filterForm(ctx)}
        ${listBlock(
          ctx,
          id,
          (/** @type {Pass[]} */ items) =>
            html`<div class="pass-list" aria-live="polite">
              ${repeat(
                items,
                (pass) => pass.id,
                (pass) => card(ctx, pass),
              )}
            </div>`,
          {
            emptyKey: review ? 'list.reviewEmpty' : 'list.empty',
            onMore: () => void load(ctx, false),
          },
        )}
      </section>`;
    },
  };
}
