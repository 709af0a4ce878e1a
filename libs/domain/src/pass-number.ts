import { isSixDigitDivisionCode } from './division';

/**
 * Pass number: the issuing county's six-digit division code, then a six-digit serial
 * per county (`410202000042`), so a checkpoint officer can read the issuer at a glance.
 */

export interface PassNumberParts {
  readonly countyCode: string;
  readonly serial: number;
}

export const MAX_PASS_SERIAL = 999_999;
const SERIAL_DIGITS = 6;
const PASS_NUMBER = /^(\d{6})(\d{6})$/;

export function formatPassNumber(countyCode: string, serial: number): string {
  if (!isSixDigitDivisionCode(countyCode)) {
    throw new RangeError(`county code "${countyCode}" is not six digits`);
  }
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_PASS_SERIAL) {
    throw new RangeError(`pass serial ${serial} is outside 1..${MAX_PASS_SERIAL}`);
  }
  return `${countyCode}${String(serial).padStart(SERIAL_DIGITS, '0')}`;
}

/** Undefined for anything formatPassNumber could not have produced, such as serial 000000. */
export function parsePassNumber(passNumber: string): PassNumberParts | undefined {
  const match = PASS_NUMBER.exec(passNumber);
  if (!match) return undefined;
  const [, countyCode, serialDigits] = match;
  const serial = Number(serialDigits);
  return serial >= 1 ? { countyCode, serial } : undefined;
}
