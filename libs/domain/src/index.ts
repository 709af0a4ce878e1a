export { DomainErrorCode } from './errors';
export { normalizePlate, parsePlate, type PlateKind, type PlateParseResult } from './plate';
export { creditCodeCheckCharacter, isValidCreditCode, normalizeCreditCode } from './credit-code';
export {
  cityOf,
  findDivision,
  isCounty,
  isCrossProvince,
  isSixDigitDivisionCode,
  listCities,
  listCounties,
  listProvinces,
  provinceOf,
  type Division,
  type DivisionLevel,
} from './division';
export {
  CARGO_CATEGORIES,
  CARGO_CATEGORY_LABELS,
  isCargoCategory,
  type CargoCategory,
  type CargoCategoryLabel,
} from './cargo';
export {
  PASS_STATUS_LABELS,
  PASS_VALIDITY_LABELS,
  ROLE_LABELS,
  SCAN_REJECTION_REASON_LABELS,
  SESSION_END_LABELS,
  type Label,
} from './labels';
export { formatKgAsTons, parseTonsToKg } from './tonnage';
export {
  MAX_PASS_SERIAL,
  formatPassNumber,
  parsePassNumber,
  type PassNumberParts,
} from './pass-number';
export { localDate } from './local-date';
export {
  inScope,
  isDivisionScope,
  scopePrefix,
  scopeWithin,
  type DivisionScope,
} from './jurisdiction';
export { maskPhone } from './phone';
