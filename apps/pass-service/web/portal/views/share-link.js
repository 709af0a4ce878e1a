// @ts-check
// The pass on the driver's phone (enterprises, issued passes): make a link, shown once with a
// copy button and a QR the driver scans from this screen; make a new one (the old one stops
// working at once); withdraw it. The server keeps only the link's hash, so a link made earlier
// cannot be shown again: the dialog then says when it was made and until when it works.
// `state.dialog.share` = `{ state?: { createdAt, expiresAt, active } | null, created?: answer }`.
import { ApiError, h, toast } from '/shared/common.js';
import { actionButton, fail, time } from '../ui.js';

/** @typedef {import('../ui.js').Ctx} Ctx */

/**
 * Changes the share part of the dialog, if it still shows the same pass.
 * @param {Ctx} ctx
 * @param {string} id
 * @param {Record<string, unknown>} change
 */
const patch = (ctx, id, change) =>
  ctx.store.update((/** @type {import('../ui.js').State} */ s) => ({
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
 * @param {HTMLInputElement} input
 */
async function copy(ctx, input) {
  try {
    await navigator.clipboard.writeText(input.value);
    toast(ctx.t('ok.copied'), 'ok');
  } catch {
    input.focus();
    input.select();
  }
}

/**
 * The dialog's "on the driver's phone" section, or null where it does not apply.
 * @param {Ctx} ctx
 * @param {import('../state.js').PassDialog} dialogState
 */
export function shareSection(ctx, dialogState) {
  const { pass } = dialogState;
  if (!applies(ctx, pass)) return null;
  const { t, api } = ctx;
  const id = pass.id;
  const share = dialogState.share ?? {};
  const shown = [];
  if (share.created) {
    const { url, expiresAt, qrSvg } = share.created;
    const input = h('input', { id: 'share-url', readonly: true, value: url, spellcheck: 'false' });
    const picture = URL.createObjectURL(new Blob([qrSvg], { type: 'image/svg+xml' }));
    shown.push(
      h('label', { for: 'share-url' }, t('share.link', { until: time(ctx, expiresAt) })),
      h(
        'div',
        { class: 'inline-form' },
        input,
        h(
          'button',
          { type: 'button', class: 'btn', onclick: () => copy(ctx, input) },
          t('btn.copyLink'),
        ),
      ),
      h(
        'div',
        { class: 'qr-box share-qr' },
        h('img', {
          src: picture,
          alt: t('share.qrAlt'),
          onload: () => URL.revokeObjectURL(picture),
        }),
      ),
    );
  } else if (share.state) {
    const vars = { at: time(ctx, share.state.createdAt), until: time(ctx, share.state.expiresAt) };
    shown.push(h('p', {}, t(share.state.active ? 'share.active' : 'share.expired', vars)));
  } else if (share.state === null) {
    shown.push(h('p', { class: 'muted' }, t('share.none')));
  }
  const hasLink = Boolean(share.created || share.state?.active);
  const actions = h(
    'div',
    { class: 'actions' },
    actionButton(
      ctx,
      `share:${id}`,
      hasLink ? 'btn.shareAgain' : 'btn.share',
      'btn btn-primary',
      async () => {
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
      },
    ),
    share.created || share.state
      ? actionButton(ctx, `unshare:${id}`, 'btn.withdrawShare', 'btn btn-danger', async () => {
          try {
            await api.passes.withdrawShare(id);
            patch(ctx, id, { created: null, state: null });
            toast(t('ok.shareWithdrawn'), 'ok');
          } catch (e) {
            fail(ctx, e);
          }
        })
      : null,
  );
  return h(
    'section',
    { class: 'share', 'aria-labelledby': 'share-title' },
    h('h3', { id: 'share-title' }, t('share.title')),
    h('p', { class: 'muted small' }, t('share.hint')),
    shown,
    actions,
  );
}
