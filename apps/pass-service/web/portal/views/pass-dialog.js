// @ts-check
// One pass in the dialog: QR, PNG, print, revoke, and the official's review. The dialog draws
// `state.dialog` (the pass, its QR once fetched, whether the revoke form is open).
import { errorText, h, toast } from '/shared/common.js';
import { latestOnly } from '../state.js';
import { actionButton, cargoLabel, fail, reasonForm, time } from '../ui.js';
import { passHead } from './passes.js';
import { renewalSection } from './pass-renewal.js';
import { loadShare, shareSection } from './share-link.js';

/** @typedef {import('../ui.js').Ctx} Ctx */

const opening = latestOnly();

/** @param {Ctx} ctx @param {Record<string, unknown>} change */
const patch = (ctx, change) =>
  ctx.store.update((/** @type {import('../ui.js').State} */ s) => ({
    dialog: s.dialog && { ...s.dialog, ...change },
  }));

/**
 * Fetches the pass and shows it; only the latest of several quick openings is shown.
 * @param {Ctx} ctx
 * @param {string} id
 * @param {() => void} [onChange] after a change made in the dialog (the list reloads)
 */
export async function openPass(ctx, id, onChange = () => {}) {
  const isLatest = opening.begin();
  let pass;
  try {
    pass = await ctx.api.passes.get(id);
  } catch (e) {
    if (isLatest()) fail(ctx, e);
    return;
  }
  if (!isLatest()) return;
  ctx.store.update({ dialog: { pass, qr: null, qrError: null, revoking: false, onChange } });
  if (pass.status !== 'issued') return;
  void loadShare(ctx, pass);
  try {
    const qr = await ctx.api.passes.qrSvg(id);
    if (isLatest()) patch(ctx, { qr });
  } catch (e) {
    if (isLatest()) patch(ctx, { qrError: e });
  }
}

/**
 * Draws `state.dialog` into the page's <dialog> (or closes it when there is none).
 * @param {Ctx} ctx
 * @param {HTMLDialogElement} dialog
 * @param {HTMLElement} body
 */
export function drawDialog(ctx, dialog, body) {
  const state = ctx.store.get().dialog;
  if (!state) {
    if (dialog.open) dialog.close();
    body.replaceChildren();
    return;
  }
  const { t, api } = ctx;
  const { pass, onChange } = state;
  const id = pass.id;
  const role = ctx.claims().role;
  const changed = (/** @type {string} */ message) => {
    toast(message, 'ok');
    onChange();
    void openPass(ctx, id, onChange);
  };
  const facts = /** @type {[string, string | null][]} */ ([
    [
      'pass.route',
      `${pass.originName} (${pass.originDivision}) → ${pass.destinationName} (${pass.destinationDivision})`,
    ],
    ['pass.trailer', pass.trailerPlate],
    ['pass.cross', t(pass.crossProvince ? 'pass.yes' : 'pass.no')],
    ['pass.driver', `${pass.driverName} ${pass.driverPhone}`],
    [
      'pass.cargo',
      `${cargoLabel(ctx, pass.cargoCategory)}${pass.cargoDescription ? ` · ${pass.cargoDescription}` : ''}`,
    ],
    ['pass.tonnage', `${pass.tonnage} t`],
    ['pass.valid', `${time(ctx, pass.validFrom)} – ${time(ctx, pass.validUntil)}`],
    ['pass.created', time(ctx, pass.createdAt)],
    ['pass.issued', pass.issuedAt ? time(ctx, pass.issuedAt) : null],
    ['pass.revokedAt', pass.revokedAt ? time(ctx, pass.revokedAt) : null],
    ['pass.rejectionReason', pass.rejectionReason],
    ['pass.revocationReason', pass.revocationReason],
    ['pass.cancelledAt', pass.cancelledAt ? time(ctx, pass.cancelledAt) : null],
    ['pass.renewedFrom', pass.renewedFrom],
  ]).filter(([, value]) => value);

  const qrBox = h('div', { class: 'qr-box' });
  const actions = h('div', { class: 'actions' });
  const extra = h('div', {});
  if (pass.status === 'issued') {
    if (state.qr) {
      const url = URL.createObjectURL(state.qr);
      qrBox.append(
        h('img', {
          src: url,
          alt: t('pass.qrAlt', { pn: pass.passNumber }),
          onload: () => URL.revokeObjectURL(url),
        }),
      );
    } else if (state.qrError) {
      qrBox.append(h('p', { class: 'form-error' }, errorText(state.qrError, t)));
    }
    actions.append(
      actionButton(ctx, `png:${id}`, 'btn.png', 'btn btn-primary', async () => {
        try {
          const blob = await api.passes.qrPng(id);
          const url = URL.createObjectURL(blob);
          h('a', { href: url, download: `epass-${pass.passNumber}.png` }).click();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
        } catch (e) {
          fail(ctx, e);
        }
      }),
      h(
        'button',
        { type: 'button', class: 'btn', onclick: () => printPass(ctx, pass) },
        t('btn.print'),
      ),
    );
  } else {
    qrBox.append(h('p', { class: 'muted' }, t('pass.noQr')));
  }

  if (role === 'official' && pass.status === 'pending_review') {
    actions.append(
      actionButton(ctx, `approve:${id}`, 'btn.approve', 'btn btn-ok', async () => {
        try {
          await api.passes.approve(id);
          changed(t('ok.approved'));
        } catch (e) {
          fail(ctx, e);
        }
      }),
    );
    extra.append(
      reasonForm(
        ctx,
        `reject:${id}`,
        'reject.prompt',
        'btn.reject',
        'btn-danger',
        async (reason) => {
          try {
            await api.passes.reject(id, reason);
            ctx.store.clearDraft(`reject:${id}`);
            changed(t('ok.rejected'));
          } catch (e) {
            fail(ctx, e);
          }
        },
      ).form,
    );
  }
  if (pass.status === 'issued') {
    if (state.revoking) {
      const form = reasonForm(
        ctx,
        `revoke:${id}`,
        'revoke.prompt',
        'btn.confirmRevoke',
        'btn-danger',
        async (reason) => {
          try {
            await api.passes.revoke(id, reason);
            ctx.store.clearDraft(`revoke:${id}`);
            changed(t('ok.revoked'));
          } catch (e) {
            fail(ctx, e);
          }
        },
      );
      form.input.id = 'revoke-reason';
      extra.append(form.form);
    } else {
      actions.append(
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-danger',
            onclick: () => {
              patch(ctx, { revoking: true });
              document.getElementById('revoke-reason')?.focus();
            },
          },
          t('btn.revoke'),
        ),
      );
    }
  }

  body.replaceChildren(
    h(
      'div',
      { class: 'dialog-inner' },
      passHead(ctx, pass),
      h('h2', { id: 'pass-dialog-title' }, pass.passNumber ?? t('pass.pending')),
      qrBox,
      h(
        'dl',
        { class: 'facts' },
        facts.map(([key, value]) => [h('dt', {}, t(key)), h('dd', {}, value)]),
      ),
      actions,
      extra,
      shareSection(ctx, state),
      renewalSection(ctx, state, {
        changed,
        opened: (message, newId) => {
          toast(message, 'ok');
          onChange();
          void openPass(ctx, newId, onChange);
        },
      }),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', class: 'btn', onclick: () => dialog.close() },
          t('btn.close'),
        ),
      ),
    ),
  );
  if (!dialog.open) dialog.showModal();
}

/**
 * The A4 page, fetched with the token and written into a new window (or downloaded).
 * @param {Ctx} ctx
 * @param {import('../api.js').Pass} pass
 */
async function printPass(ctx, pass) {
  // Opened before the fetch so the click still counts as the user's and no pop-up blocker steps in.
  const win = window.open('', '_blank');
  try {
    const html = await ctx.api.passes.printPage(pass.id);
    if (win) {
      win.document.open();
      win.document.write(html);
      win.document.close();
      win.focus();
    } else {
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
      h('a', { href: url, download: `epass-${pass.passNumber}.html` }).click();
    }
  } catch (e) {
    win?.close();
    fail(ctx, e);
  }
}
