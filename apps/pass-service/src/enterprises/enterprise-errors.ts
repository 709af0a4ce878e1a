import { AppError } from '@app/platform';
import type { EnterpriseStatus } from './enterprises.repository';

/**
 * The same answer whether the enterprise does not exist or lies outside the caller's
 * jurisdiction, so ids cannot be probed; it never repeats the id.
 */
export const enterpriseNotFound = () =>
  AppError.notFound('ENTERPRISE_NOT_FOUND', 'No enterprise with this id that you can see.');

export const enterpriseStateConflict = (action: string, status: EnterpriseStatus) =>
  AppError.conflict(
    'ENTERPRISE_STATE_CONFLICT',
    `An enterprise that is ${status} cannot be ${action}.`,
  ).withParams({ status, action });

const WHY_NOT_ACTIVE: Record<Exclude<EnterpriseStatus, 'active' | 'pending_review'>, string> = {
  rejected: 'its registration was rejected',
  suspended: 'it is suspended until an official reinstates it',
};

/** An application from an enterprise that may not apply: rejected, suspended, or gone. */
export const enterpriseNotActive = (status: EnterpriseStatus | undefined) =>
  new AppError(
    403,
    'ENTERPRISE_NOT_ACTIVE',
    `This enterprise cannot apply for passes: ${
      status === 'rejected' || status === 'suspended' ? WHY_NOT_ACTIVE[status] : 'it is not active'
    }.`,
  ).withParams({ status: status ?? 'missing' });
