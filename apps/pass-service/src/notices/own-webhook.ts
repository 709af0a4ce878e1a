import type { AuthenticatedUser } from '@app/auth';
import { AppError } from '@app/platform';

/**
 * An enterprise reaches its own webhook only: the route has no id, the enterprise is always the
 * caller's. An enterprise user without one is a bug, not a client error.
 */
export function ownEnterpriseId(user: AuthenticatedUser): string {
  if (!user.enterpriseId) throw new Error(`enterprise user ${user.userId} has no enterprise`);
  return user.enterpriseId;
}

export const webhookNotSet = () =>
  AppError.notFound('WEBHOOK_NOT_FOUND', 'No webhook is set for this enterprise.');
