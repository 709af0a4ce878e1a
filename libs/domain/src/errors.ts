/**
 * Machine codes for the validation failures this lib can report. Services put them
 * verbatim into API errors (`{ code: 'PLATE_INVALID' }`), so they must never be renamed.
 */
export const DomainErrorCode = {
  PLATE_INVALID: 'PLATE_INVALID',
  CREDIT_CODE_INVALID: 'CREDIT_CODE_INVALID',
  DIVISION_UNKNOWN: 'DIVISION_UNKNOWN',
  DIVISION_NOT_COUNTY: 'DIVISION_NOT_COUNTY',
  CARGO_CATEGORY_INVALID: 'CARGO_CATEGORY_INVALID',
  TONNAGE_INVALID: 'TONNAGE_INVALID',
} as const;

export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];
