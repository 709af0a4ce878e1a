// @ts-check
// The enterprise's webhook: where pass status changes are POSTed (signed with its secret), and
// the log of those deliveries. The secret is write-only: the API never sends it back.
import { html } from '/vendor/lit-html/lit-html.js';
import { ApiError, toast } from '/shared/common.js';
import {
  actionButton,
  busy,
  button,
  dataTable,
  fail,
  field,
  formError,
  listBlock,
  listener,
  time,
  valueOf,
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
    if (e instanceof ApiError && e.code === 'WEBHOOK_NOT_FOUND')
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
  const { webhook } = store.get();
  const current = !webhook?.loaded
    ? ''
    : webhook.setting
      ? t('wh.current', { u: webhook.setting.url, d: time(ctx, webhook.setting.createdAt) })
      : t('wh.none');
  const remove = async () => {
    try {
      await api.webhook.remove();
      toast(t('wh.removed'), 'ok');
      await loadSetting(ctx);
      await loadDeliveries(ctx, true);
    } catch (e) {
      fail(ctx, e);
    }
  };
  /** @param {SubmitEvent} event */
  const submit = async (event) => {
    event.preventDefault();
    store.editDraft(DRAFT, { error: null });
    await busy(ctx, DRAFT, async () => {
      try {
        await api.webhook.set(valueOf(draft, 'wh-url').trim(), valueOf(draft, 'wh-secret'));
        // The secret is write-only: the field empties once it is saved.
        store.editDraft(DRAFT, (d) => ({ values: { ...d.values, 'wh-secret': '' } }));
        toast(t('wh.saved'), 'ok');
        await loadSetting(ctx);
      } catch (e) {
        store.editDraft(DRAFT, { error: e });
      }
    });
  };
  return html`<form class="card" novalidate id="webhook-form" @submit=${listener(submit)}>
    <h2>${t('tab.webhook')}</h2>
    <p class="muted small">${t('wh.intro')}</p>
    <div id="webhook-current" class="small">${current}</div>
    <div class="grid grid-2">
      ${field(ctx, DRAFT, 'wh-url', 'wh.url', {
        type: 'url',
        hintKey: 'wh.urlHint',
        attrs: { maxlength: 2048, spellcheck: 'false', placeholder: 'https://example.com/epass' },
      })}
      ${field(ctx, DRAFT, 'wh-secret', 'wh.secret', {
        type: 'password',
        hintKey: 'wh.secretHint',
        attrs: { maxlength: 256, autocomplete: 'new-password' },
      })}
    </div>
    ${formError(ctx, draft)} ${button(ctx, draft, 'wh.save')}
    ${actionButton(ctx, 'webhook:remove', 'wh.remove', 'btn btn-danger', remove)}
  </form>`;
}

/** @param {Ctx} ctx @param {Delivery[]} deliveries */
function deliveryTable(ctx, deliveries) {
  const { t } = ctx;
  const headers = ['wh.when', 'wh.event', 'wh.status', 'wh.attempts', 'wh.answer'];
  /** @param {Delivery} d */
  const answer = (d) =>
    [d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : null, d.lastError]
      .filter(Boolean)
      .join(' · ') || '—';
  return dataTable(ctx, {
    id: 'webhook-deliveries',
    headers,
    items: deliveries,
    row: (d) =>
      html`<tr>
        <td>${time(ctx, d.createdAt)}</td>
        <td>${d.eventType}</td>
        <td>${t(`wh.status.${d.status}`)}</td>
        <td>${String(d.attempts)}</td>
        <td class="small">${answer(d)}</td>
      </tr>`,
  });
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
    return html`<div>
      ${settingForm(ctx)}
      <section class="card">
        <h2>${t('wh.log')}</h2>
        ${actionButton(ctx, 'webhook:refresh', 'wh.refresh', 'btn', () =>
          loadDeliveries(ctx, true),
        )}
        ${listBlock(ctx, LIST, (/** @type {Delivery[]} */ items) => deliveryTable(ctx, items), {
          emptyKey: 'wh.logEmpty',
          onMore: () => void loadDeliveries(ctx, false),
        })}
      </section>
    </div>`;
  },
};
