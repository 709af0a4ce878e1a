import { coded, plainText, zonedInstant } from '@app/contracts';
import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from './audit-entry';

const instant = (field: string) =>
  coded(
    'DATE_INVALID',
    zonedInstant,
    `${field}: an ISO-8601 date-time with a time zone, from 2000 to 2100`,
  );

/**
 * `GET /v1/audit`: newest first, keyset-paginated by id. `from` is inclusive and `to` exclusive,
 * as in the other lists. Optional outside the coded wrappers: an absent key skips the field.
 */
export const auditQuery = z
  .strictObject({
    action: coded(
      'ACTION_INVALID',
      z.enum(AUDIT_ACTIONS),
      `one of ${AUDIT_ACTIONS.join(', ')}`,
    ).optional(),
    targetType: coded(
      'TARGET_TYPE_INVALID',
      z.enum(AUDIT_TARGET_TYPES),
      `one of ${AUDIT_TARGET_TYPES.join(', ')}`,
    ).optional(),
    targetId: coded(
      'TARGET_ID_INVALID',
      plainText(100).min(1),
      'a target id of 1 to 100 characters',
    ).optional(),
    actorId: coded(
      'ACTOR_ID_INVALID',
      z.uuid().transform((id) => id.toLowerCase()),
      'a user id (UUID)',
    ).optional(),
    from: instant('from').optional(),
    to: instant('to').optional(),
    cursor: coded(
      'CURSOR_INVALID',
      z.string().regex(/^[1-9]\d{0,17}$/),
      'a nextCursor from a previous page',
    ).optional(),
    limit: coded(
      'LIMIT_INVALID',
      z.coerce.number().int().min(1).max(200),
      'an integer from 1 to 200',
    ).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
    params: { code: 'RANGE_INVALID' },
  });
export type AuditQuery = z.output<typeof auditQuery>;
