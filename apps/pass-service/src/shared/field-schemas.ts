import { findDivision, isCounty } from '@app/domain';
import { z } from 'zod';

/**
 * Wraps a field's schema so that any failure, a wrong type or a missing value included,
 * reports the field's own stable code rather than a generic one.
 */
export function coded<S extends z.ZodType>(code: string, schema: S, hint: string) {
  return z.unknown().transform((value, ctx): z.output<S> => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    ctx.addIssue({ code: 'custom', message: hint, params: { code } });
    return z.NEVER;
  });
}

/** Mainland mobile numbers: 11 digits starting 13–19, with an optional +86 and spacing people type. */
export const mainlandMobile = coded(
  'PHONE_INVALID',
  z
    .string()
    .max(32)
    .transform((v) =>
      v
        .normalize('NFKC')
        .replace(/[\s-]/g, '')
        .replace(/^(\+?86)/, ''),
    )
    .pipe(z.string().regex(/^1[3-9]\d{9}$/)),
  'a mainland China mobile number (11 digits starting with 13–19)',
);

/** A county-level GB/T 2260 code known to the division data package. */
export const countyCode = coded(
  'DIVISION_UNKNOWN',
  z
    .string()
    .trim()
    .refine((code) => isCounty(code)),
  'a known county-level GB/T 2260 division code (six digits, e.g. 410202)',
);

export function divisionName(code: string): string {
  const division = findDivision(code);
  if (!division) return code;
  const parts = [division.provinceName, division.cityName, division.name];
  // Municipalities repeat the province as the city; show each name once.
  return parts.filter((part, i) => part && parts.indexOf(part) === i).join(' ');
}

/** Control characters have no place in names and reasons, and Postgres refuses NUL in text outright. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
export const plainText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => !CONTROL_CHARACTERS.test(text), 'no control characters');

export const boundedText = (min: number, max: number) => plainText(max).trim().min(min);
