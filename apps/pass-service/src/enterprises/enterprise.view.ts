import { maskPhone } from '@app/domain';
import { divisionName } from '../shared/field-schemas';
import { z } from 'zod';
import { ENTERPRISE_STATUSES, type EnterpriseDetails } from './enterprises.repository';

/** An enterprise as officials and the admin see it in the review queue. */
export const enterpriseViewSchema = z
  .strictObject({
    id: z.uuid(),
    creditCode: z.string().describe('The 18-character unified social credit code.'),
    name: z.string(),
    divisionCode: z.string(),
    divisionName: z.string(),
    contactName: z.string(),
    contactPhone: z.string().describe('Masked for the admin (least privilege).'),
    status: z.enum(ENTERPRISE_STATUSES),
    statusReason: z
      .string()
      .nullable()
      .describe(
        'Why it was last rejected, suspended or reinstated (an approval may give one too).',
      ),
    createdAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Enterprise' });

export type EnterpriseView = z.infer<typeof enterpriseViewSchema>;

export const enterprisePageSchema = z.strictObject({
  items: z.array(enterpriseViewSchema),
  nextCursor: z.string().nullable(),
});

/**
 * The contact's mobile number is personal data: masked (139****5678) unless `fullPhone`, which
 * only the single-enterprise view gives, to the enterprise itself and officials in scope.
 */
export function toEnterpriseView(
  enterprise: EnterpriseDetails,
  { fullPhone = false }: { fullPhone?: boolean } = {},
): EnterpriseView {
  return {
    id: enterprise.id,
    creditCode: enterprise.creditCode,
    name: enterprise.name,
    divisionCode: enterprise.divisionCode,
    divisionName: divisionName(enterprise.divisionCode),
    contactName: enterprise.contactName,
    contactPhone: fullPhone ? enterprise.contactPhone : maskPhone(enterprise.contactPhone),
    status: enterprise.status,
    statusReason: enterprise.statusReason,
    createdAt: enterprise.createdAt.toISOString(),
    decidedAt: enterprise.decidedAt ? enterprise.decidedAt.toISOString() : null,
  };
}
