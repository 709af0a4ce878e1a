// @ts-check
// The enterprise's vehicle register: its vehicles, and registering one (a tractor may name its
// trailer). A plate another enterprise holds is refused with an offer to request a transfer.
import { ApiError, h, toast } from '/shared/common.js';
import { normalizeLicenceNumber } from '../../validate.js';
import {
  busy,
  button,
  checkLicenceNumber,
  checkMotorPlate,
  checkTrailerPlate,
  field,
  formError,
  listBlock,
  listener,
  plateOf,
  time,
  validateAll,
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
    return [
      registerForm(ctx),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, t('tab.vehicles')),
        h('p', { class: 'muted small' }, t('veh.intro')),
        listBlock(ctx, LIST, (/** @type {Vehicle[]} */ items) => table(ctx, items), {
          emptyKey: 'list.vehiclesEmpty',
          onMore: () => void load(ctx, false),
        }),
      ),
    ];
  },
};

/** @param {Ctx} ctx @param {Vehicle[]} vehicles */
function table(ctx, vehicles) {
  const { t } = ctx;
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { id: 'vehicle-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['f.plate', 'f.kind', 'pass.trailer', 'f.licenceNumber', 'veh.created'].map((key) =>
            h('th', { scope: 'col' }, t(key)),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        vehicles.map((v) =>
          h(
            'tr',
            {},
            h('td', { class: 'plate-cell' }, v.plate),
            h('td', {}, t(`kind.${v.kind}`)),
            h('td', {}, v.trailerPlate ?? '—'),
            h('td', {}, v.licenceNumber ?? '—'),
            h('td', {}, time(ctx, v.createdAt)),
          ),
        ),
      ),
    ),
  );
}

/** @param {Ctx} ctx */
function registerForm(ctx) {
  const { t, api, store, lists } = ctx;
  const draft = store.draft(DRAFT);
  const plateAttrs = { autocapitalize: 'characters', spellcheck: 'false', maxlength: 32 };
  const plate = field(ctx, draft, 've-plate', 'f.plate', {
    check: checkMotorPlate(ctx),
    attrs: { ...plateAttrs, placeholder: '豫B12345' },
  });
  const kind = field(ctx, draft, 've-kind', 'f.kind', {
    type: 'select',
    options: KINDS.map((k) => [k, t(`kind.${k}`)]),
  });
  const trailer = field(ctx, draft, 've-trailer', 'f.trailerPlate', {
    check: checkTrailerPlate(ctx),
    attrs: { ...plateAttrs, placeholder: '豫B1234挂' },
  });
  const licence = field(ctx, draft, 've-licence', 'f.licenceNumber', {
    check: checkLicenceNumber(ctx),
    attrs: { maxlength: 64, spellcheck: 'false', autocapitalize: 'characters' },
  });
  const sync = () => (trailer.wrap.hidden = kind.input.value !== 'tractor');
  kind.input.addEventListener('change', sync);
  sync();
  const error = formError(ctx, draft);
  const held = draft.heldPlate ? transferOffer(ctx, `${DRAFT}:transfer`, draft.heldPlate) : null;
  const submit = button(ctx, draft, 'btn.addVehicle');
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('h2', {}, t('btn.addVehicle')),
    h('div', { class: 'grid grid-2' }, plate.wrap, kind.wrap, trailer.wrap, licence.wrap),
    error.el,
    held,
    submit,
  );
  form.addEventListener(
    'submit',
    listener(async (event) => {
      event.preventDefault();
      error.set(null);
      const tractor = kind.input.value === 'tractor';
      const checks = [
        () => plate.validate(true),
        () => licence.validate(true),
        ...(tractor ? [() => trailer.validate(true)] : []),
      ];
      if (!validateAll(form, error, checks)) return;
      const trailerText = trailer.input.value.trim();
      const body = {
        plate: plateOf(plate.input.value),
        kind: kind.input.value,
        ...(tractor && trailerText ? { trailerPlate: plateOf(trailerText) } : {}),
        licenceNumber: normalizeLicenceNumber(licence.input.value),
      };
      await busy(ctx, draft, async () => {
        try {
          const vehicle = await api.vehicles.register(body);
          toast(t('ok.vehicle', { p: vehicle.plate ?? body.plate }), 'ok');
          store.clearDraft(DRAFT);
          store.clearDraft(`${DRAFT}:transfer`);
          lists.edit(LIST, (/** @type {Vehicle[]} */ items) => [
            vehicle,
            ...items.filter((v) => v.id !== vehicle.id),
          ]);
          ctx.redraw();
        } catch (e) {
          error.set(e);
          const heldPlate =
            e instanceof ApiError && e.code === 'PLATE_HELD_BY_OTHER' ? body.plate : null;
          if (heldPlate !== (draft.heldPlate ?? null)) {
            draft.heldPlate = heldPlate;
            ctx.redraw();
          }
        }
      });
    }),
  );
  return form;
}
