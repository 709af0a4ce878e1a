import { coded } from '@app/contracts';
import { findDivision, isCounty } from '@app/domain';
import { z } from 'zod';

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
