import { boundedText, coded } from '@app/contracts';
import { isValidCreditCode, normalizeCreditCode } from '@app/domain';
import { z } from 'zod';
import { password, username } from '../identity/identity.schemas';
import { countyCode, mainlandMobile } from '../shared/field-schemas';
import { ENTERPRISE_STATUSES } from './enterprises.repository';

export const registerEnterpriseBody = z.strictObject({
  name: coded('ENTERPRISE_NAME_INVALID', boundedText(2, 200), '2–200 characters'),
  creditCode: coded(
    'CREDIT_CODE_INVALID',
    z
      .string()
      .max(64)
      .transform(normalizeCreditCode)
      .refine((code) => isValidCreditCode(code)),
    'an 18-character unified social credit code (GB 32100-2015) with a valid check character',
  ),
  divisionCode: countyCode,
  contactName: coded('CONTACT_NAME_INVALID', boundedText(1, 50), '1–50 characters'),
  contactPhone: mainlandMobile,
  username,
  password,
});
export type RegisterEnterpriseBody = z.infer<typeof registerEnterpriseBody>;

export const listEnterprisesQuery = z.strictObject({
  // Optional outside the coded wrapper: an absent key must skip the field, not feed it undefined.
  status: coded(
    'STATUS_INVALID',
    z.enum(ENTERPRISE_STATUSES),
    `one of ${ENTERPRISE_STATUSES.join(', ')}`,
  ).optional(),
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
export type ListEnterprisesQuery = z.output<typeof listEnterprisesQuery>;

const reason = coded('REASON_INVALID', boundedText(1, 500), 'a reason of 1–500 characters');

/** An approval needs no reason, but may carry one (a note for the audit trail). */
export const approveEnterpriseBody = z.strictObject({ reason: reason.optional() });
export type ApproveEnterpriseBody = z.output<typeof approveEnterpriseBody>;

export const rejectEnterpriseBody = z.strictObject({ reason });
export type RejectEnterpriseBody = z.output<typeof rejectEnterpriseBody>;

export const suspendEnterpriseBody = z.strictObject({
  reason,
  revokePasses: coded('REVOKE_PASSES_INVALID', z.boolean(), 'true or false'),
});
export type SuspendEnterpriseBody = z.output<typeof suspendEnterpriseBody>;

export const reinstateEnterpriseBody = z.strictObject({ reason: reason.optional() });
export type ReinstateEnterpriseBody = z.output<typeof reinstateEnterpriseBody>;
