// @ts-check
// The portal's field checks: each takes the typed text and answers whether it is valid and the
// hint to show, in the page's language. They agree with libs/domain (test/pages checks it).
import {
  creditCodeProblem,
  isValidUsername,
  normalizeCreditCode,
  normalizeLicenceNumber,
  normalizeMobile,
  parsePlate,
  parseTonsToKg,
} from '../validate.js';

/** @typedef {import('./ui.js').Ctx} Ctx */

/**
 * What a field's `check` answers: valid or not, and the hint to show (the field's own hint when
 * `text` is absent).
 * @typedef {{ ok: boolean, text?: string }} CheckResult
 */

/** @typedef {(value: string) => CheckResult} Check */

/**
 * @param {Ctx} ctx
 * @param {number} min
 * @param {number} max
 * @returns {Check}
 */
export const required = (ctx, min, max) => (value) => {
  const v = value.trim();
  if (v.length < min) return { ok: false, text: ctx.t('v.required') };
  return { ok: v.length <= max, text: v.length <= max ? '' : `≤ ${max}` };
};

/** @param {Ctx} ctx @returns {Check} */
export function checkCreditCode(ctx) {
  return (value) => {
    const code = normalizeCreditCode(value);
    if (!code) return { ok: false, text: ctx.t('v.required') };
    const problem = creditCodeProblem(code);
    if (!problem) return { ok: true, text: `${ctx.t('v.creditOk')} · ${code}` };
    if (problem.problem === 'length')
      return { ok: false, text: ctx.t('v.length', { n: code.length }) };
    if (problem.problem === 'check')
      return { ok: false, text: ctx.t('v.check', { c: problem.expected }) };
    return { ok: false, text: ctx.t(`v.${problem.problem}`) };
  };
}

/** @param {Ctx} ctx @returns {Check} */
export function checkPlate(ctx) {
  return (value) => {
    const parsed = parsePlate(value);
    return parsed.ok
      ? { ok: true, text: ctx.t('v.plateOk', { plate: parsed.plate }) }
      : { ok: false, text: ctx.t('v.plate') };
  };
}

/**
 * A motor vehicle's plate: a trailer's plate alone is refused (it goes in its own field).
 * @param {Ctx} ctx
 * @returns {Check}
 */
export function checkMotorPlate(ctx) {
  return (value) => {
    const parsed = parsePlate(value);
    if (!parsed.ok) return { ok: false, text: ctx.t('v.plate') };
    return parsed.kind === 'trailer'
      ? { ok: false, text: ctx.t('v.motorPlate') }
      : { ok: true, text: ctx.t('v.plateOk', { plate: parsed.plate }) };
  };
}

/**
 * A trailer's plate (豫B1234挂); empty is fine, the field is optional.
 * @param {Ctx} ctx
 * @returns {Check}
 */
export function checkTrailerPlate(ctx) {
  return (value) => {
    if (!value.trim()) return { ok: true };
    const parsed = parsePlate(value);
    return parsed.ok && parsed.kind === 'trailer'
      ? { ok: true, text: ctx.t('v.plateOk', { plate: parsed.plate }) }
      : { ok: false, text: ctx.t('v.trailer') };
  };
}

/** The stored form of a plate the checks above accepted. @param {string} value */
export const plateOf = (value) =>
  /** @type {{ ok: true, plate: string }} */ (parsePlate(value)).plate;

/** @param {Ctx} ctx @returns {Check} */
export function checkTonnage(ctx) {
  return (value) => {
    const kg = parseTonsToKg(value);
    return kg === undefined
      ? { ok: false, text: ctx.t('v.tonnage') }
      : { ok: true, text: ctx.t('v.tonnageOk', { kg: kg.toLocaleString() }) };
  };
}

/** @param {Ctx} ctx @returns {Check} */
export const checkLicenceNumber = (ctx) => (value) => {
  const number = normalizeLicenceNumber(value);
  return number
    ? { ok: true, text: number === value ? '' : ctx.t('v.plateOk', { plate: number }) }
    : { ok: false, text: ctx.t('v.licence') };
};

/** @param {Ctx} ctx @returns {Check} */
export const checkPhone = (ctx) => (value) =>
  normalizeMobile(value) ? { ok: true } : { ok: false, text: ctx.t('v.phone') };

/** @param {Ctx} ctx @returns {Check} */
export const checkUsername = (ctx) => (value) =>
  isValidUsername(value) ? { ok: true } : { ok: false, text: ctx.t('v.username') };

/** @param {Ctx} ctx @returns {Check} */
export const checkPassword = (ctx) => (value) =>
  value.length >= 8 && value.length <= 128
    ? { ok: true }
    : { ok: false, text: ctx.t('v.password') };
