// @ts-check
// The enterprise's vehicle register: its vehicles, and registering one (a tractor may name its
// trailer). A plate another enterprise holds is refused with an offer to request a transfer.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { ApiError, toast } from '/shared/common.js';
import { normalizeLicenceNumber } from '../../validate.js';
import { checkLicenceNumber, checkMotorPlate, checkTrailerPlate, plateOf } from '../checks.js';
import {
  busy,
  button,
  dataTable,
  field,
  formError,
  listBlock,
  listener,
  time,
  validateAll,
  valueOf,
} from '../ui.js';
import { transferOffer } from './transfers.js';

/** @typedef {import('../ui.js').Ctx} Ctx */
/** @typedef {import('../api.js').Vehicle} Vehicle */

const LIST = 'vehicles';
const DRAFT = 'vehicles:register';
const KINDS = ['truck', 'tractor', 'special'];

/** @param {Ctx} ctx @param {boolean} reset */
const load = (ctx, reset) =>
  ctx.lists.load(LIST, (cursor) => ctx.api.vehicles.list({ limit: 50, cursor }), reset);

/** @type {import('../ui.js').View} */
export const vehiclesView = {
  id: 'vehicles',
  labelKey: 'tab.vehicles',
  enter(ctx) {
    void load(ctx, true);
  },
  render(ctx) {
    const { t } = ctx;
    return html`${registerForm(ctx)}
      <section class="card">
        <h2>${t('tab.vehicles')}</h2>
        <p class="muted small">${t('veh.intro')}</p>
        ${listBlock(ctx, LIST, (/** @type {Vehicle[]} */ items) => table(ctx, items), {
          emptyKey: 'list.vehiclesEmpty',
          onMore: () => void load(ctx, false),
        })}
      </section>`;
  },
};

/** @param {Ctx} ctx @param {Vehicle[]} vehicles */
function table(ctx, vehicles) {
  const { t } = ctx;
  const headers = ['f.plate', 'f.kind', 'pass.trailer', 'f.licenceNumber', 'veh.created'];
  return dataTable(ctx, {
    id: 'vehicle-table',
    headers,
    items: vehicles,
    row: (v) =>
      html`<tr>
        <td class="plate-cell">${v.plate}</td>
        <td>${t(`kind.${v.kind}`)}</td>
        <td>${v.trailerPlate ?? '—'}</td>
        <td>${v.licenceNumber ?? '—'}</td>
        <td>${time(ctx, v.createdAt)}</td>
      </tr>`,
  });
}

/** @param {Ctx} ctx */
function registerForm(ctx) {
  const { t, api, store, lists } = ctx;
  const draft = store.draft(DRAFT);
  const plateAttrs = { autocapitalize: 'characters', spellcheck: 'false', maxlength: 32 };
  const kind = field(ctx, DRAFT, 've-kind', 'f.kind', {
    type: 'select',
    options: KINDS.map((k) => [k, t(`kind.${k}`)]),
  });
  const tractor = valueOf(draft, 've-kind') === 'tractor';
  /** @type {[string, import('../checks.js').Check][]} */
  const checks = [
    ['ve-plate', checkMotorPlate(ctx)],
    ['ve-licence', checkLicenceNumber(ctx)],
    ['ve-trailer', checkTrailerPlate(ctx)],
  ];
  /** @param {SubmitEvent} event */
  const submit = async (event) => {
    event.preventDefault();
    // The transfer offer's own form sits inside this one; its submit is not a registration.
    if (event.target !== event.currentTarget) return;
    const form = /** @type {HTMLFormElement} */ (event.currentTarget);
    store.editDraft(DRAFT, { error: null });
    if (!validateAll(ctx, DRAFT, form, tractor ? checks : checks.slice(0, 2))) return;
    const trailerText = valueOf(draft, 've-trailer').trim();
    const body = {
      plate: plateOf(valueOf(draft, 've-plate')),
      kind: valueOf(draft, 've-kind'),
      ...(tractor && trailerText ? { trailerPlate: plateOf(trailerText) } : {}),
      licenceNumber: normalizeLicenceNumber(valueOf(draft, 've-licence')),
    };
    await busy(ctx, DRAFT, async () => {
      try {
        const vehicle = await api.vehicles.register(body);
        toast(t('ok.vehicle', { p: vehicle.plate ?? body.plate }), 'ok');
        store.clearDraft(DRAFT);
        store.clearDraft(`${DRAFT}:transfer`);
        lists.edit(LIST, (/** @type {Vehicle[]} */ items) => [
          vehicle,
          ...items.filter((v) => v.id !== vehicle.id),
        ]);
      } catch (e) {
        // A plate another enterprise holds: offer to ask an official for it.
        const heldPlate =
          e instanceof ApiError && e.code === 'PLATE_HELD_BY_OTHER' ? body.plate : null;
        store.editDraft(DRAFT, { error: e, heldPlate });
      }
    });
  };
  return html`<form class="card" novalidate @submit=${listener(submit)}>
    <h2>${t('btn.addVehicle')}</h2>
    <div class="grid grid-2">
      ${field(ctx, DRAFT, 've-plate', 'f.plate', {
        check: checks[0][1],
        attrs: { ...plateAttrs, placeholder: '豫B12345' },
      })}
      ${kind}
      <div ?hidden=${!tractor}>
        ${field(ctx, DRAFT, 've-trailer', 'f.trailerPlate', {
          check: checks[2][1],
          attrs: { ...plateAttrs, placeholder: '豫B1234挂' },
        })}
      </div>
      ${field(ctx, DRAFT, 've-licence', 'f.licenceNumber', {
        check: checks[1][1],
        attrs: { maxlength: 64, spellcheck: 'false', autocapitalize: 'characters' },
      })}
    </div>
    ${formError(ctx, draft)}
    ${draft.heldPlate ? transferOffer(ctx, `${DRAFT}:transfer`, draft.heldPlate) : nothing}
    ${button(ctx, draft, 'btn.addVehicle')}
  </form>`;
}
