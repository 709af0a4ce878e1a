// @ts-check
// An enterprise's own pass: "renew" an issued one (valid or expired) for a next window, which
// applies again with the same details (POST /v1/passes/:id/renew, the same rules as a new
// application, and an Idempotency-Key per form), and "cancel application" for one still waiting
// for review (POST /v1/passes/:id/cancel). `state.dialog.renewing` opens the renewal form.
import { h, uuid } from '/shared/common.js';
import { actionButton, fail, field } from '../ui.js';
import { localInputValue } from './apply.js';

/** @typedef {import('../ui.js').Ctx} Ctx */

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Opens or closes the renewal form, if the dialog still shows the same pass.
 * @param {Ctx} ctx
 * @param {string} id
 * @param {boolean} renewing
 */
const setRenewing = (ctx, id, renewing) =>
  ctx.store.update((/** @type {import('../ui.js').State} */ s) => ({
    dialog: s.dialog && s.dialog.pass.id === id ? { ...s.dialog, renewing } : s.dialog,
  }));

/**
 * The next window: from the end of the earlier pass (or now, if it has ended), for as long as it
 * lasted. The server still decides (start within the allowed days, longest validity). The fields
 * hold whole minutes, so the start is rounded up: rounded down, it would overlap the earlier pass.
 * @param {{ validFrom: string, validUntil: string }} pass
 */
export function nextWindow(pass, now = new Date()) {
  const until = new Date(pass.validUntil).getTime();
  const from = Math.ceil(Math.max(until, now.getTime()) / MINUTE_MS) * MINUTE_MS;
  const span = Math.max(DAY_MS, until - new Date(pass.validFrom).getTime());
  return { from: new Date(from), until: new Date(from + span) };
}

/**
 * The renew and cancel controls of the pass dialog, or null where neither applies.
 * @param {Ctx} ctx
 * @param {import('../state.js').PassDialog} dialogState
 * @param {{ changed: (message: string) => void, opened: (message: string, id: string) => void }} after
 */
export function renewalSection(ctx, dialogState, { changed, opened }) {
  const { pass } = dialogState;
  if (ctx.claims().role !== 'enterprise') return null;
  const { t, api } = ctx;
  const id = pass.id;
  if (pass.status === 'pending_review') {
    return h(
      'div',
      { class: 'actions' },
      actionButton(ctx, `cancel:${id}`, 'btn.cancelApplication', 'btn btn-danger', async () => {
        try {
          await api.passes.cancel(id);
          changed(t('ok.cancelled'));
        } catch (e) {
          fail(ctx, e);
        }
      }),
    );
  }
  if (pass.status !== 'issued') return null;
  if (!dialogState.renewing) {
    return h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'btn', onclick: () => setRenewing(ctx, id, true) },
        t('btn.renew'),
      ),
    );
  }
  const draftKey = `renew:${id}`;
  const draft = ctx.store.draft(draftKey);
  // One key per renewal form: a double click or a retry after a lost answer makes one pass.
  draft.idempotencyKey ??= uuid();
  const next = nextWindow(pass);
  const from = field(ctx, draft, `renew-from-${id}`, 'f.validFrom', {
    type: 'datetime-local',
    initial: localInputValue(next.from),
  });
  const until = field(ctx, draft, `renew-until-${id}`, 'f.validUntil', {
    type: 'datetime-local',
    initial: localInputValue(next.until),
  });
  const submit = actionButton(ctx, draftKey, 'btn.confirmRenew', 'btn btn-primary', async () => {
    const validFrom = new Date(from.input.value);
    const validUntil = new Date(until.input.value);
    if (Number.isNaN(validFrom.getTime()) || !(validUntil > validFrom)) {
      until.input.setAttribute('aria-invalid', 'true');
      until.hint.textContent = t('v.until');
      return;
    }
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
  });
  return h(
    'div',
    { class: 'renewal' },
    h('p', { class: 'hint' }, t('renew.hint')),
    h('div', { class: 'grid grid-2' }, from.wrap, until.wrap),
    h(
      'div',
      { class: 'actions' },
      submit,
      h(
        'button',
        { type: 'button', class: 'btn', onclick: () => setRenewing(ctx, id, false) },
        t('btn.renewClose'),
      ),
    ),
  );
}
