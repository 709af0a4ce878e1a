import { isValidCreditCode, normalizeCreditCode } from '@app/domain';
import { z } from 'zod';
import { password, username } from '../identity/identity.schemas';
import { boundedText, coded, countyCode, mainlandMobile } from '../shared/field-schemas';

export const registerEnterpriseBody = z.strictObject({
  name: boundedText(2, 200),
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
  contactName: boundedText(1, 50),
  contactPhone: mainlandMobile,
  username,
  password,
});
export type RegisterEnterpriseBody = z.infer<typeof registerEnterpriseBody>;
