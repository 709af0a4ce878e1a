// @ts-check
// The enterprise's pass application.
import { ApiError, CARGO_LABELS, h, toast, uuid } from '/shared/common.js';
import { normalizeMobile } from '../../validate.js';
import {
  busy,
  button,
  cargoLabel,
  checkMotorPlate,
  checkPhone,
  checkPlate,
  checkTonnage,
  checkTrailerPlate,
  divisionPicker,
  field,
  formError,
  listener,
  plateOf,
  required,
  validateAll,
} from '../ui.js';
import { transferOffer } from './transfers.js';

/** @typedef {import('../ui.js').Ctx} Ctx */

const DRAFT = 'apply';

/** `datetime-local` value of a Date, in this device's zone. */
/** @param {Date} date */
export function localInputValue(date) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** @type {import('../ui.js').View} */
export const applyView = {
  id: 'apply',
  labelKey: 'tab.apply',
  render(ctx) {
    const { t, store, api } = ctx;
    const draft = store.draft(DRAFT);
    // One key per application: a double click or a retry after a lost answer returns the same pass.
    draft.idempotencyKey ??= uuid();
    const now = new Date();
    const cargo = field(ctx, draft, 'ap-cargo', 'f.cargoCategory', {
      type: 'select',
      options: Object.keys(CARGO_LABELS).map((code) => [code, cargoLabel(ctx, code)]),
    });
    const f = {
      plate: field(ctx, draft, 'ap-plate', 'f.plate', {
        // With a trailer named, the plate that counts is the tractor's.
        /** @type {import('../ui.js').Check} */
        check: (v) => (f.trailer.input.value.trim() ? checkMotorPlate(ctx) : checkPlate(ctx))(v),
        attrs: {
          autocapitalize: 'characters',
          spellcheck: 'false',
          maxlength: 32,
          placeholder: '豫B12345',
        },
      }),
      trailer: field(ctx, draft, 'ap-trailer', 'f.trailerPlate', {
        check: checkTrailerPlate(ctx),
        attrs: {
          autocapitalize: 'characters',
          spellcheck: 'false',
          maxlength: 32,
          placeholder: '豫B1234挂',
        },
      }),
      driverName: field(ctx, draft, 'ap-driver', 'f.driverName', { check: required(ctx, 1, 50) }),
      driverPhone: field(ctx, draft, 'ap-driver-phone', 'f.driverPhone', {
        type: 'tel',
        check: checkPhone(ctx),
        attrs: { inputmode: 'tel' },
      }),
      tonnage: field(ctx, draft, 'ap-tonnage', 'f.tonnage', {
        check: checkTonnage(ctx),
        attrs: { inputmode: 'decimal', placeholder: '12.5' },
      }),
      description: field(ctx, draft, 'ap-desc', 'f.cargoDescription', {
        check: (v) => ({ ok: v.trim().length <= 200 }),
      }),
      validFrom: field(ctx, draft, 'ap-from', 'f.validFrom', {
        type: 'datetime-local',
        check: (v) => ({ ok: !!v, text: v ? '' : t('v.required') }),
        initial: localInputValue(now),
      }),
      validUntil: field(ctx, draft, 'ap-until', 'f.validUntil', {
        type: 'datetime-local',
        /** @type {import('../ui.js').Check} */
        check: (v) =>
          v && f.validFrom.input.value && new Date(v) > new Date(f.validFrom.input.value)
            ? { ok: true }
            : { ok: false, text: v ? t('v.until') : t('v.required') },
        initial: localInputValue(new Date(now.getTime() + 3 * 86_400_000)),
      }),
    };
    const routeHint = h('p', { class: 'hint bad', 'aria-live': 'polite' });
    const onRoute = () => {
      const o = origin.value();
      const d = destination.value();
      routeHint.textContent = o && d && o.slice(0, 2) !== d.slice(0, 2) ? t('v.cross') : '';
    };
    const origin = divisionPicker(ctx, draft, 'ap-origin', 'f.origin', { onChange: onRoute });
    const destination = divisionPicker(ctx, draft, 'ap-destination', 'f.destination', {
      onChange: onRoute,
    });
    onRoute();
    const error = formError(ctx, draft);
    // A plate another enterprise holds: offer to ask an official for it.
    const held = draft.heldPlate ? transferOffer(ctx, `${DRAFT}:transfer`, draft.heldPlate) : null;
    const submit = button(ctx, draft, 'btn.apply');
    const form = h(
      'form',
      { class: 'card', novalidate: true },
      h('h2', {}, t('tab.apply')),
      h(
        'div',
        { class: 'grid grid-2' },
        f.plate.wrap,
        f.trailer.wrap,
        f.tonnage.wrap,
        f.driverName.wrap,
        f.driverPhone.wrap,
        cargo.wrap,
        f.description.wrap,
      ),
      origin.wrap,
      destination.wrap,
      routeHint,
      h('div', { class: 'grid grid-2' }, f.validFrom.wrap, f.validUntil.wrap),
      error.el,
      held,
      submit,
    );
    // Changing the application after a failed attempt makes it a new application.
    form.addEventListener('change', () => (draft.idempotencyKey = uuid()));
    form.addEventListener(
      'submit',
      listener(async (event) => {
        event.preventDefault();
        if (draft.busy) return;
        error.set(null);
        const checks = [
          ...Object.values(f).map((x) => () => x.validate(true)),
          origin.validate,
          destination.validate,
        ];
        if (!validateAll(form, error, checks)) return;
        const description = f.description.input.value.trim();
        const trailer = f.trailer.input.value.trim();
        const body = {
          plate: plateOf(f.plate.input.value),
          ...(trailer ? { trailerPlate: plateOf(trailer) } : {}),
          driverName: f.driverName.input.value.trim(),
          driverPhone: normalizeMobile(f.driverPhone.input.value),
          cargoCategory: cargo.input.value,
          ...(description ? { cargoDescription: description } : {}),
          // Sent as the decimal text typed, never through a float.
          tonnage: f.tonnage.input.value.normalize('NFKC').trim(),
          originDivision: origin.value(),
          destinationDivision: destination.value(),
          validFrom: new Date(f.validFrom.input.value).toISOString(),
          validUntil: new Date(f.validUntil.input.value).toISOString(),
        };
        await busy(ctx, draft, async () => {
          try {
            const pass = await api.passes.apply(body, (draft.idempotencyKey ??= uuid()));
            store.clearDraft(DRAFT);
            store.clearDraft(`${DRAFT}:transfer`);
            toast(
              pass.status === 'issued' ? t('ok.issued', { pn: pass.passNumber }) : t('ok.pending'),
              'ok',
            );
            ctx.navigate('passes');
            ctx.openPass(pass.id);
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
  },
};
