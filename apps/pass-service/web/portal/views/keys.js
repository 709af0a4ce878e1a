// @ts-check
// The admin's pass-signing keys: rotate, and the published kids.
import { h, toast } from '/shared/common.js';
import { actionButton, fail, listBlock, region } from '../ui.js';

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
    const rotate = actionButton(ctx, 'keys:rotate', 'btn.rotate', 'btn btn-danger', async () => {
      if (!confirm(t('keys.confirm'))) return;
      try {
        const rotation = await api.keys.rotate();
        store.update({ rotation });
        toast(t('ok.rotated', { kid: rotation.kid }), 'ok');
        await load(ctx);
      } catch (e) {
        fail(ctx, e);
      }
    });
    return h(
      'section',
      { class: 'card' },
      h('h2', {}, t('tab.keys')),
      h('p', { class: 'muted' }, t('keys.intro')),
      rotate,
      region(
        ctx,
        (state) => state.rotation,
        (rotation) =>
          rotation
            ? `${t('ok.rotated', { kid: rotation.kid })}${rotation.retiredKid ? ` · ${t('keys.retired', { kid: rotation.retiredKid })}` : ''}`
            : '',
        { 'aria-live': 'polite', class: 'rotation' },
      ),
      h('h3', {}, t('keys.published')),
      listBlock(
        ctx,
        LIST,
        (/** @type {{ kid: string }[]} */ keys) =>
          h(
            'ul',
            { class: 'small' },
            keys.map((k) => h('li', {}, h('code', {}, k.kid))),
          ),
        { emptyKey: 'keys.none', onMore: () => undefined },
      ),
    );
  },
};
