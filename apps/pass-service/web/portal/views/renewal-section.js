// @ts-check
// An enterprise's own pass: "renew" an issued one (valid or expired) for a next window, which
// applies again with the same details (POST /v1/passes/:id/renew, the same rules as a new
// application, and an Idempotency-Key per form), and "cancel application" for one still waiting
// for review (POST /v1/passes/:id/cancel). `state.dialog.renewing` opens the renewal form.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { uuid } from '/shared/common.js';
import { localInputValue } from '../dates.js';
import { actionButton, fail, field, valueOf } from '../ui.js';
import { nextWindow } from './pass-renewal.js';

/** @typedef {import('../ui.js').Ctx} Ctx */

/**
 * Opens or closes the renewal form, if the dialog still shows the same pass.
 * @param {Ctx} ctx
 * @param {string} id
 * @param {boolean} renewing
 */
const setRenewing = (ctx, id, renewing) =>
  ctx.store.update((s) => ({
    dialog: s.dialog && s.dialog.pass.id === id ? { ...s.dialog, renewing } : s.dialog,
  }));

/**
 * The renew and cancel controls of the pass dialog, or nothing where neither applies.
 * @param {Ctx} ctx
 * @param {import('../state.js').PassDialog} dialogState
 * @param {{ changed: (message: string) => void, opened: (message: string, id: string) => void }} after
 */
export function renewalSection(ctx, dialogState, { changed, opened }) {
  const { pass } = dialogState;
  if (ctx.claims().role !== 'enterprise') return nothing;
  const { t, api } = ctx;
  const id = pass.id;
  if (pass.status === 'pending_review') {
    const cancel = async () => {
      try {
        await api.passes.cancel(id);
        changed(t('ok.cancelled'));
      } catch (e) {
        fail(ctx, e);
      }
    };
    return html`<div class="actions">
      ${actionButton(ctx, `cancel:${id}`, 'btn.cancelApplication', 'btn btn-danger', cancel)}
    </div>`;
  }
  if (pass.status !== 'issued') return nothing;
  if (!dialogState.renewing) {
    return html`<div class="actions">
      <button type="button" class="btn" @click=${() => setRenewing(ctx, id, true)}>
        ${t('btn.renew')}
      </button>
    </div>`;
  }
  const draftKey = `renew:${id}`;
  const draft = ctx.store.draft(draftKey);
  // One key per renewal form: a double click or a retry after a lost answer makes one pass.
  draft.idempotencyKey ??= uuid();
  const next = nextWindow(pass);
  const fromId = `renew-from-${id}`;
  const untilId = `renew-until-${id}`;
  const window = () => ({
    validFrom: new Date(valueOf(draft, fromId)),
    validUntil: new Date(valueOf(draft, untilId)),
  });
  const valid = () => {
    const { validFrom, validUntil } = window();
    return !Number.isNaN(validFrom.getTime()) && validUntil > validFrom;
  };
  const from = field(ctx, draftKey, fromId, 'f.validFrom', {
    type: 'datetime-local',
    initial: localInputValue(next.from),
  });
  const until = field(ctx, draftKey, untilId, 'f.validUntil', {
    type: 'datetime-local',
    initial: localInputValue(next.until),
    check: () => (valid() ? { ok: true } : { ok: false, text: t('v.until') }),
  });
  const renew = async () => {
    if (!valid()) {
      ctx.store.editDraft(draftKey, (d) => ({ shown: { ...d.shown, [untilId]: true } }));
      return;
    }
    const { validFrom, validUntil } = window();
    try {
      const renewal = await api.passes.renew(
        id,
        { validFrom: validFrom.toISOString(), validUntil: validUntil.toISOString() },
        (draft.idempotencyKey ??= uuid()),
      );
      ctx.store.clearDraft(draftKey);
      opened(
        renewal.status === 'issued'
          ? t('ok.renewed', { pn: renewal.passNumber })
          : t('ok.renewedPending'),
        renewal.id,
      );
    } catch (e) {
      fail(ctx, e);
    }
  };
  return html`<div class="renewal">
    <p class="hint">${t('renew.hint')}</p>
    <div class="grid grid-2">${from}${until}</div>
    <div class="actions">
      ${actionButton(ctx, draftKey, 'btn.confirmRenew', 'btn btn-primary', renew)}
      <button type="button" class="btn" @click=${() => setRenewing(ctx, id, false)}>
        ${t('btn.renewClose')}
      </button>
    </div>
  </div>`;
}
