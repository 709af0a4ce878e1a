import { maskPhone } from '@app/domain';
import { divisionName } from '../shared/field-schemas';
import type { EnterpriseDetails, EnterpriseStatus } from './enterprises.repository';

/** An enterprise as officials and the admin see it in the review queue. */
export interface EnterpriseView {
  id: string;
  creditCode: string;
  name: string;
  divisionCode: string;
  divisionName: string;
  contactName: string;
  contactPhone: string;
  status: EnterpriseStatus;
  /** Why it was last rejected, suspended or reinstated (an approval may give one too). */
  statusReason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

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
