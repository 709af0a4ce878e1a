// @ts-check
// The admin's pass-signing keys: rotate, and the published kids.
import { html } from '/vendor/lit-html/lit-html.js';
import { toast } from '/shared/common.js';
import { actionButton, fail, listBlock } from '../ui.js';

/** @typedef {import('../ui.js').Ctx} Ctx */

const LIST = 'keys';

/** @param {Ctx} ctx */
const load = (ctx) =>
  ctx.lists.load(
    LIST,
    async () => ({ items: (await ctx.api.keys.published()).keys, nextCursor: null }),
    true,
  );

/** @type {import('../ui.js').View} */
export const keysView = {
  id: 'keys',
  labelKey: 'tab.keys',
  enter(ctx) {
    ctx.store.update({ rotation: null });
    void load(ctx);
  },
  render(ctx) {
    const { t, api, store } = ctx;
    const rotate = async () => {
      if (!confirm(t('keys.confirm'))) return;
      try {
        const rotation = await api.keys.rotate();
        store.update({ rotation });
        toast(t('ok.rotated', { kid: rotation.kid }), 'ok');
        await load(ctx);
      } catch (e) {
        fail(ctx, e);
      }
    };
    const { rotation } = store.get();
    const rotated = rotation
      ? `${t('ok.rotated', { kid: rotation.kid })}${rotation.retiredKid ? ` · ${t('keys.retired', { kid: rotation.retiredKid })}` : ''}`
      : '';
    return html`<section class="card">
      <h2>${t('tab.keys')}</h2>
      <p class="muted">${t('keys.intro')}</p>
      ${actionButton(ctx, 'keys:rotate', 'btn.rotate', 'btn btn-danger', rotate)}
      <div aria-live="polite" class="rotation">${rotated}</div>
      <h3>${t('keys.published')}</h3>
      ${listBlock(
        ctx,
        LIST,
        (/** @type {{ kid: string }[]} */ keys) =>
          html`<ul class="small">
            ${keys.map((key) => html`<li><code>${key.kid}</code></li>`)}
          </ul>`,
        { emptyKey: 'keys.none', onMore: () => undefined },
      )}
    </section>`;
  },
};
