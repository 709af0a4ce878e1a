import type { AuthenticatedUser } from '@app/auth';
import { scopePrefix } from '@app/domain';

/**
 * The leading digits of the division codes a user may see and decide, for `LIKE prefix || '%'`
 * on an enterprise's division or a pass's issuing county; undefined is nationwide (the admin,
 * and officials created before scopes until an admin narrows them). Enterprises see their own
 * data by id, whatever their division.
 */
export function divisionPrefixOf(user: AuthenticatedUser): string | undefined {
  return user.role === 'official' && user.divisionScope
    ? scopePrefix(user.divisionScope)
    : undefined;
}
