import { coded, plainText } from '@app/contracts';
import { normalizePlate, parsePlate } from '@app/domain';
import { z } from 'zod';
import { PASS_STATUSES } from './pass.record';

export const listPassesQuery = z.strictObject({
  // Optional outside the coded wrapper: an absent key must skip the field, not feed it undefined.
  status: coded(
    'STATUS_INVALID',
    z.enum(PASS_STATUSES),
    `one of ${PASS_STATUSES.join(', ')}`,
  ).optional(),
  plate: coded(
    'PLATE_INVALID',
    plainText(32).transform((input) => {
      const parsed = parsePlate(input);
      return parsed.ok ? parsed.plate : normalizePlate(input);
    }),
    'a plate of at most 32 characters',
  ).optional(),
  enterpriseId: coded('ENTERPRISE_ID_INVALID', z.uuid(), 'an enterprise id (UUID)').optional(),
  cursor: coded(
    'CURSOR_INVALID',
    z.string().regex(/^\d{1,18}$/),
    'a nextCursor from a previous page',
  ).optional(),
  limit: coded(
    'LIMIT_INVALID',
    z.coerce.number().int().min(1).max(200),
    'an integer from 1 to 200',
  ).default(50),
});
export type ListPassesQuery = z.output<typeof listPassesQuery>;
