// @ts-check
// The pass on the driver's phone (enterprises, issued passes): make a link, shown once with a
// copy button and a QR the driver scans from this screen; make a new one (the old one stops
// working at once); withdraw it. The server keeps only the link's hash, so a link made earlier
// cannot be shown again: the dialog then says when it was made and until when it works.
// `state.dialog.share` = `{ state?: { createdAt, expiresAt, active } | null, created?: answer }`.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { ApiError, toast } from '/shared/common.js';
import { actionButton, fail, time } from '../ui.js';

/** @typedef {import('../ui.js').Ctx} Ctx */
/** @typedef {import('../api.js').ShareLink} ShareLink */

/**
 * Changes the share part of the dialog, if it still shows the same pass.
 * @param {Ctx} ctx
 * @param {string} id
 * @param {NonNullable<import('../state.js').PassDialog['share']>} change
 */
const patch = (ctx, id, change) =>
  ctx.store.update((s) => ({
    dialog:
      s.dialog && s.dialog.pass.id === id
        ? { ...s.dialog, share: { ...s.dialog.share, ...change } }
        : s.dialog,
  }));

/** @param {Ctx} ctx @param {{ status: string }} pass */
const applies = (ctx, pass) => ctx.claims().role === 'enterprise' && pass.status === 'issued';

/**
 * Whether the pass has a link (one GET); called when the dialog opens.
 * @param {Ctx} ctx
 * @param {{ id: string, status: string }} pass
 */
export async function loadShare(ctx, pass) {
  if (!applies(ctx, pass)) return;
  try {
    patch(ctx, pass.id, { state: await ctx.api.passes.shareState(pass.id) });
  } catch (e) {
    if (e instanceof ApiError && e.code === 'SHARE_NOT_FOUND') patch(ctx, pass.id, { state: null });
  }
}

/**
 * Copies the link; where the clipboard API is missing (plain HTTP), selects it for Ctrl+C.
 * @param {Ctx} ctx
 * @param {string} url
 */
async function copy(ctx, url) {
  try {
    await navigator.clipboard.writeText(url);
    toast(ctx.t('ok.copied'), 'ok');
  } catch {
    const input = /** @type {HTMLInputElement | null} */ (document.getElementById('share-url'));
    input?.focus();
    input?.select();
  }
}

/** Object URLs of the links' QR pictures, one per link made (a redraw shows the same one). */
/** @type {WeakMap<ShareLink, string>} */
const pictures = new WeakMap();
/** @param {ShareLink} link */
const pictureOf = (link) => {
  let url = pictures.get(link);
  if (!url) {
    url = URL.createObjectURL(new Blob([link.qrSvg], { type: 'image/svg+xml' }));
    pictures.set(link, url);
  }
  return url;
};

/**
 * The link just made, shown this once: to copy, or to scan from the screen.
 * @param {Ctx} ctx
 * @param {ShareLink} link
 */
function madeLink(ctx, link) {
  const { t } = ctx;
  const picture = pictureOf(link);
  return html`<label for="share-url"
      >${t('share.link', { until: time(ctx, link.expiresAt) })}</label
    >
    <div class="inline-form">
      <input id="share-url" readonly .value=${link.url} spellcheck="false" />
      <button type="button" class="btn" @click=${() => copy(ctx, link.url)}>
        ${t('btn.copyLink')}
      </button>
    </div>
    <div class="qr-box share-qr">
      <img src=${picture} alt=${t('share.qrAlt')} @load=${() => URL.revokeObjectURL(picture)} />
    </div>`;
}

/**
 * The dialog's "on the driver's phone" section, or nothing where it does not apply.
 * @param {Ctx} ctx
 * @param {import('../state.js').PassDialog} dialogState
 */
export function shareSection(ctx, dialogState) {
  const { pass } = dialogState;
  if (!applies(ctx, pass)) return nothing;
  const { t, api } = ctx;
  const id = pass.id;
  const share = dialogState.share ?? {};
  const shown = share.created
    ? madeLink(ctx, share.created)
    : share.state
      ? html`<p>
          ${t(share.state.active ? 'share.active' : 'share.expired', {
            at: time(ctx, share.state.createdAt),
            until: time(ctx, share.state.expiresAt),
          })}
        </p>`
      : share.state === null
        ? html`<p class="muted">${t('share.none')}</p>`
        : nothing;
  const hasLink = Boolean(share.created || share.state?.active);
  const make = async () => {
    try {
      const created = await api.passes.share(id);
      patch(ctx, id, {
        created,
        state: { createdAt: created.createdAt, expiresAt: created.expiresAt, active: true },
      });
      toast(t(created.replaced ? 'ok.shareReplaced' : 'ok.shared'), 'ok');
    } catch (e) {
      fail(ctx, e);
    }
  };
  const withdraw = async () => {
    try {
      await api.passes.withdrawShare(id);
      patch(ctx, id, { created: null, state: null });
      toast(t('ok.shareWithdrawn'), 'ok');
    } catch (e) {
      fail(ctx, e);
    }
  };
  const makeKey = hasLink ? 'btn.shareAgain' : 'btn.share';
  return html`<section class="share" aria-labelledby="share-title">
    <h3 id="share-title">${t('share.title')}</h3>
    <p class="muted small">${t('share.hint')}</p>
    ${shown}
    <div class="actions">
      ${actionButton(ctx, `share:${id}`, makeKey, 'btn btn-primary', make)}
      ${
        share.created || share.state
          ? actionButton(ctx, `unshare:${id}`, 'btn.withdrawShare', 'btn btn-danger', withdraw)
          : nothing
      }
    </div>
  </section>`;
}
