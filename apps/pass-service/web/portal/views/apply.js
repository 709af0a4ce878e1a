// @ts-check
// The enterprise's pass application.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { ApiError, CARGO_LABELS, toast, uuid } from '/shared/common.js';
import { normalizeMobile } from '../../validate.js';
import {
  checkMotorPlate,
  checkPhone,
  checkPlate,
  checkTonnage,
  checkTrailerPlate,
  plateOf,
  required,
} from '../checks.js';
import { localInputValue } from '../dates.js';
import { divisionPicker } from '../divisions.js';
import {
  busy,
  button,
  cargoLabel,
  field,
  formError,
  listener,
  validateAll,
  valueOf,
} from '../ui.js';
import { transferOffer } from './transfers.js';

/** @typedef {import('../ui.js').Ctx} Ctx */
/** @typedef {import('../checks.js').Check} Check */

const DRAFT = 'apply';
const PLATE_ATTRS = { autocapitalize: 'characters', spellcheck: 'false', maxlength: 32 };

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
    const value = (/** @type {string} */ id) => valueOf(draft, id);
    /** @type {[string, Check][]} */
    const checks = [
      // With a trailer named, the plate that counts is the tractor's.
      ['ap-plate', (v) => (value('ap-trailer').trim() ? checkMotorPlate(ctx) : checkPlate(ctx))(v)],
      ['ap-trailer', checkTrailerPlate(ctx)],
      ['ap-tonnage', checkTonnage(ctx)],
      ['ap-driver', required(ctx, 1, 50)],
      ['ap-driver-phone', checkPhone(ctx)],
      ['ap-desc', (v) => ({ ok: v.trim().length <= 200 })],
      ['ap-from', (v) => ({ ok: !!v, text: v ? '' : t('v.required') })],
      [
        'ap-until',
        (v) =>
          v && value('ap-from') && new Date(v) > new Date(value('ap-from'))
            ? { ok: true }
            : { ok: false, text: v ? t('v.until') : t('v.required') },
      ],
    ];
    const check = Object.fromEntries(checks);
    /** @param {string} id @param {string} key @param {import('../ui.js').FieldOptions} [options] */
    const input = (id, key, options = {}) =>
      field(ctx, DRAFT, id, key, { check: check[id], ...options });
    const origin = divisionPicker(ctx, DRAFT, 'ap-origin', 'f.origin');
    const destination = divisionPicker(ctx, DRAFT, 'ap-destination', 'f.destination');
    const o = origin.value();
    const d = destination.value();
    const crossing = o && d && o.slice(0, 2) !== d.slice(0, 2) ? t('v.cross') : '';

    /** @param {SubmitEvent} event */
    const submit = async (event) => {
      event.preventDefault();
      // The transfer offer's own form sits inside this one; its submit is not an application.
      if (draft.busy || event.target !== event.currentTarget) return;
      const form = /** @type {HTMLFormElement} */ (event.currentTarget);
      store.editDraft(DRAFT, { error: null });
      if (!validateAll(ctx, DRAFT, form, checks, [origin.validate, destination.validate])) return;
      const description = value('ap-desc').trim();
      const trailer = value('ap-trailer').trim();
      const body = {
        plate: plateOf(value('ap-plate')),
        ...(trailer ? { trailerPlate: plateOf(trailer) } : {}),
        driverName: value('ap-driver').trim(),
        driverPhone: normalizeMobile(value('ap-driver-phone')),
        cargoCategory: value('ap-cargo'),
        ...(description ? { cargoDescription: description } : {}),
        // Sent as the decimal text typed, never through a float.
        tonnage: value('ap-tonnage').normalize('NFKC').trim(),
        originDivision: origin.value(),
        destinationDivision: destination.value(),
        validFrom: new Date(value('ap-from')).toISOString(),
        validUntil: new Date(value('ap-until')).toISOString(),
      };
      await busy(ctx, DRAFT, async () => {
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
          // A plate another enterprise holds: offer to ask an official for it.
          const heldPlate =
            e instanceof ApiError && e.code === 'PLATE_HELD_BY_OTHER' ? body.plate : null;
          store.editDraft(DRAFT, { error: e, heldPlate });
        }
      });
    };
    return html`<form
      class="card"
      novalidate
      @change=${() => (draft.idempotencyKey = uuid())}
      @submit=${listener(submit)}
    >
      <h2>${t('tab.apply')}</h2>
      <div class="grid grid-2">
        ${input('ap-plate', 'f.plate', { attrs: { ...PLATE_ATTRS, placeholder: '豫B12345' } })}
        ${input('ap-trailer', 'f.trailerPlate', {
          attrs: { ...PLATE_ATTRS, placeholder: '豫B1234挂' },
        })}
        ${input('ap-tonnage', 'f.tonnage', { attrs: { inputmode: 'decimal', placeholder: '12.5' } })}
        ${input('ap-driver', 'f.driverName')}
        ${input('ap-driver-phone', 'f.driverPhone', { type: 'tel', attrs: { inputmode: 'tel' } })}
        ${field(ctx, DRAFT, 'ap-cargo', 'f.cargoCategory', {
          type: 'select',
          options: Object.keys(CARGO_LABELS).map((code) => [code, cargoLabel(ctx, code)]),
        })}
        ${input('ap-desc', 'f.cargoDescription')}
      </div>
      ${origin.view} ${destination.view}
      <p class="hint bad" aria-live="polite">${crossing}</p>
      <div class="grid grid-2">
        ${input('ap-from', 'f.validFrom', {
          type: 'datetime-local',
          initial: localInputValue(now),
        })}
        ${input('ap-until', 'f.validUntil', {
          type: 'datetime-local',
          initial: localInputValue(new Date(now.getTime() + 3 * 86_400_000)),
        })}
      </div>
      ${formError(ctx, draft)}
      ${draft.heldPlate ? transferOffer(ctx, `${DRAFT}:transfer`, draft.heldPlate) : nothing}
      ${button(ctx, draft, 'btn.apply')}
    </form>`;
  },
};
