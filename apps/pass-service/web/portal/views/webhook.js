// @ts-check
// The enterprise's webhook: where pass status changes are POSTed (signed with its secret), and
// the log of those deliveries. The secret is write-only: the API never sends it back.
import { h, toast } from '/shared/common.js';
import {
  actionButton,
  busy,
  button,
  fail,
  field,
  formError,
  listBlock,
  listener,
  region,
  time,
} from '../ui.js';

/** @typedef {import('../ui.js').Ctx} Ctx */
/** @typedef {import('../api.js').Delivery} Delivery */

const LIST = 'webhook:deliveries';
const DRAFT = 'webhook:form';

/** @param {Ctx} ctx */
async function loadSetting(ctx) {
  try {
    ctx.store.update({ webhook: { setting: await ctx.api.webhook.get(), loaded: true } });
  } catch (e) {
    if (/** @type {any} */ (e)?.code === 'WEBHOOK_NOT_FOUND')
      ctx.store.update({ webhook: { setting: null, loaded: true } });
    else fail(ctx, e);
  }
}

/** @param {Ctx} ctx @param {boolean} reset */
const loadDeliveries = (ctx, reset) =>
  ctx.lists.load(LIST, (cursor) => ctx.api.webhook.deliveries({ limit: 20, cursor }), reset);

/** @param {Ctx} ctx */
function settingForm(ctx) {
  const { t, api, store } = ctx;
  const draft = store.draft(DRAFT);
  const url = field(ctx, draft, 'wh-url', 'wh.url', {
    type: 'url',
    hintKey: 'wh.urlHint',
    attrs: { maxlength: 2048, spellcheck: 'false', placeholder: 'https://example.com/epass' },
  });
  const secret = field(ctx, draft, 'wh-secret', 'wh.secret', {
    type: 'password',
    hintKey: 'wh.secretHint',
    attrs: { maxlength: 256, autocomplete: 'new-password' },
  });
  const error = formError(ctx, draft);
  const form = h(
    'form',
    { class: 'card', novalidate: true, id: 'webhook-form' },
    h('h2', {}, t('tab.webhook')),
    h('p', { class: 'muted small' }, t('wh.intro')),
    region(
      ctx,
      (state) => state.webhook,
      (webhook) =>
        !webhook?.loaded
          ? ''
          : webhook.setting
            ? t('wh.current', { u: webhook.setting.url, d: time(ctx, webhook.setting.createdAt) })
            : t('wh.none'),
      { id: 'webhook-current', class: 'small' },
    ),
    h('div', { class: 'grid grid-2' }, url.wrap, secret.wrap),
    error.el,
    button(ctx, draft, 'wh.save'),
    actionButton(ctx, 'webhook:remove', 'wh.remove', 'btn btn-danger', async () => {
      try {
        await api.webhook.remove();
        toast(t('wh.removed'), 'ok');
        await loadSetting(ctx);
        await loadDeliveries(ctx, true);
      } catch (e) {
        fail(ctx, e);
      }
    }),
  );
  form.addEventListener(
    'submit',
    listener(async (event) => {
      event.preventDefault();
      error.set(null);
      await busy(ctx, draft, async () => {
        try {
          await api.webhook.set(url.input.value.trim(), secret.input.value);
          secret.set('');
          toast(t('wh.saved'), 'ok');
          await loadSetting(ctx);
        } catch (e) {
          error.set(e);
        }
      });
    }),
  );
  return form;
}

/** @param {Ctx} ctx @param {Delivery[]} deliveries */
function deliveryTable(ctx, deliveries) {
  const { t } = ctx;
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { id: 'webhook-deliveries' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['wh.when', 'wh.event', 'wh.status', 'wh.attempts', 'wh.answer'].map((key) =>
            h('th', { scope: 'col' }, t(key)),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        deliveries.map((d) =>
          h(
            'tr',
            {},
            h('td', {}, time(ctx, d.createdAt)),
            h('td', {}, d.eventType),
            h('td', {}, t(`wh.status.${d.status}`)),
            h('td', {}, String(d.attempts)),
            h(
              'td',
              { class: 'small' },
              [d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : null, d.lastError]
                .filter(Boolean)
                .join(' · ') || '—',
            ),
          ),
        ),
      ),
    ),
  );
}

/** @type {import('../ui.js').View} */
export const webhookView = {
  id: 'webhook',
  labelKey: 'tab.webhook',
  enter(ctx) {
    ctx.store.update({ webhook: null });
    void loadSetting(ctx);
    void loadDeliveries(ctx, true);
  },
  render(ctx) {
    const { t } = ctx;
    return h(
      'div',
      {},
      settingForm(ctx),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, t('wh.log')),
        actionButton(ctx, 'webhook:refresh', 'wh.refresh', 'btn', () => loadDeliveries(ctx, true)),
        listBlock(ctx, LIST, (/** @type {Delivery[]} */ items) => deliveryTable(ctx, items), {
          emptyKey: 'wh.logEmpty',
          onMore: () => void loadDeliveries(ctx, false),
        }),
      ),
    );
  },
};
