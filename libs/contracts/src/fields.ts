import { CARGO_CATEGORIES } from '@app/domain';
import { z } from 'zod';

/** Field shapes reused by several events. */
export const divisionCode = z.string().regex(/^\d{6}$/, 'a six-digit GB/T 2260 division code');
export const kilograms = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const isoInstant = z.iso.datetime({ offset: false });
export const cargoCategory = z.enum(CARGO_CATEGORIES);
export const passNumber = z.string().regex(/^\d{12}$/);
export const creditCode = z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
