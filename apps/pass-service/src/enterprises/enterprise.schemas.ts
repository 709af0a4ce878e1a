import { boundedText, coded } from '@app/contracts';
import { isValidCreditCode, normalizeCreditCode } from '@app/domain';
import { z } from 'zod';
import { password, username } from '../identity/identity.schemas';
import { countyCode, mainlandMobile } from '../shared/field-schemas';

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
