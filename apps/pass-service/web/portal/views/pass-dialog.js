// @ts-check
// One pass in the dialog: QR, PNG, print, revoke, and the official's review. The dialog draws
// `state.dialog` (the pass, its QR once fetched, whether the revoke form is open).
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { errorText, factList, toast } from '/shared/common.js';
import { latestOnly } from '/shared/store.js';
import { actionButton, cargoLabel, fail, reasonForm, time } from '../ui.js';
import { passHead } from './passes.js';
import { renewalSection } from './renewal-section.js';
import { loadShare, shareSection } from './share-link.js';

/** @typedef {import('../ui.js').Ctx} Ctx */

const opening = latestOnly();

/** @param {Ctx} ctx @param {Partial<import('../state.js').PassDialog>} change */
const patch = (ctx, change) =>
  ctx.store.update((s) => ({ dialog: s.dialog && { ...s.dialog, ...change } }));

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

/** Object URLs of the QR pictures, one per fetched picture (a redraw shows the same one). */
/** @type {WeakMap<Blob, string>} */
const pictures = new WeakMap();
/** @param {Blob} blob */
const pictureOf = (blob) => {
  let url = pictures.get(blob);
  if (!url) {
    url = URL.createObjectURL(blob);
    pictures.set(blob, url);
  }
  return url;
};

/**
 * Saves what `url` points to under `name`, through a temporary link.
 * @param {string} url
 * @param {string} name
 */
function download(url, name) {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
}

/**
 * What the <dialog> shows of `state.dialog`: the pass, its QR and what may be done with it.
 * @param {Ctx} ctx
 * @param {import('../state.js').PassDialog | null} state
 */
export function dialogView(ctx, state) {
  if (!state) return nothing;
  const { t, api, store } = ctx;
  const { pass, onChange } = state;
  const id = pass.id;
  const role = ctx.claims().role;
  const changed = (/** @type {string} */ message) => {
    toast(message, 'ok');
    onChange();
    void openPass(ctx, id, onChange);
  };
  const facts = factList(
    [
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
    ],
    t,
  );
  const issued = pass.status === 'issued';
  const reviewing = role === 'official' && pass.status === 'pending_review';

  const savePng = async () => {
    try {
      const url = URL.createObjectURL(await api.passes.qrPng(id));
      download(url, `epass-${pass.passNumber}.png`);
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      fail(ctx, e);
    }
  };
  const approve = async () => {
    try {
      await api.passes.approve(id);
      changed(t('ok.approved'));
    } catch (e) {
      fail(ctx, e);
    }
  };
  /** @param {string} reason */
  const reject = async (reason) => {
    try {
      await api.passes.reject(id, reason);
      store.clearDraft(`reject:${id}`);
      changed(t('ok.rejected'));
    } catch (e) {
      fail(ctx, e);
    }
  };
  /** @param {string} reason */
  const revoke = async (reason) => {
    try {
      await api.passes.revoke(id, reason);
      store.clearDraft(`revoke:${id}`);
      changed(t('ok.revoked'));
    } catch (e) {
      fail(ctx, e);
    }
  };
  const startRevoking = () => {
    patch(ctx, { revoking: true });
    // The form appears with the next draw, queued by the change above.
    queueMicrotask(() => document.getElementById('revoke-reason')?.focus());
  };

  const qr = !issued
    ? html`<p class="muted">${t('pass.noQr')}</p>`
    : state.qr
      ? qrPicture(state.qr, t('pass.qrAlt', { pn: pass.passNumber }))
      : state.qrError
        ? html`<p class="form-error">${errorText(state.qrError, t)}</p>`
        : nothing;
  return html`<div class="dialog-inner">
    ${passHead(ctx, pass)}
    <h2 id="pass-dialog-title">${pass.passNumber ?? t('pass.pending')}</h2>
    <div class="qr-box">${qr}</div>
    ${facts}
    <div class="actions">
      ${
        issued
          ? html`${actionButton(ctx, `png:${id}`, 'btn.png', 'btn btn-primary', savePng)}
              <button type="button" class="btn" @click=${() => printPass(ctx, pass)}>
                ${t('btn.print')}
              </button>`
          : nothing
      }
      ${reviewing ? actionButton(ctx, `approve:${id}`, 'btn.approve', 'btn btn-ok', approve) : nothing}
      ${
        issued && !state.revoking
          ? html`<button type="button" class="btn btn-danger" @click=${startRevoking}>
              ${t('btn.revoke')}
            </button>`
          : nothing
      }
    </div>
    <div>
      ${
        reviewing
          ? reasonForm(ctx, `reject:${id}`, 'reject.prompt', 'btn.reject', 'btn-danger', reject)
          : nothing
      }
      ${
        issued && state.revoking
          ? reasonForm(
              ctx,
              `revoke:${id}`,
              'revoke.prompt',
              'btn.confirmRevoke',
              'btn-danger',
              revoke,
              { id: 'revoke-reason' },
            )
          : nothing
      }
    </div>
    ${shareSection(ctx, state)}
    ${renewalSection(ctx, state, {
      changed,
      opened: (message, newId) => {
        toast(message, 'ok');
        onChange();
        void openPass(ctx, newId, onChange);
      },
    })}
    <div class="actions">
      <button type="button" class="btn" @click=${() => store.update({ dialog: null })}>
        ${t('btn.close')}
      </button>
    </div>
  </div>`;
}

/**
 * The pass's QR as fetched; its object URL is let go once the picture has loaded.
 * @param {Blob} blob
 * @param {string} alt
 */
function qrPicture(blob, alt) {
  const url = pictureOf(blob);
  return html`<img src=${url} alt=${alt} @load=${() => URL.revokeObjectURL(url)} />`;
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
    const page = await ctx.api.passes.printPage(pass.id);
    if (win) {
      win.document.open();
      win.document.write(page);
      win.document.close();
      win.focus();
    } else {
      const url = URL.createObjectURL(new Blob([page], { type: 'text/html' }));
      download(url, `epass-${pass.passNumber}.html`);
    }
  } catch (e) {
    win?.close();
    fail(ctx, e);
  }
}
