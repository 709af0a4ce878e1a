import type { AuthenticatedUser } from '@app/auth';
import { scopePrefix, scopeWithin } from '@app/domain';
import { AppError } from '@app/platform';

/**
 * What a report counts: the passes issued by enterprises of the region (their issuing county)
 * and the scans at the region's checkpoints.
 */
export interface ReportScope {
  /** The province, city or county reported on; null is nationwide. */
  region: string | null;
  /** Its leading digits, for `LIKE prefix || '%'` on the stored codes; null is nationwide. */
  prefix: string | null;
}

/**
 * An official's reports cover their own scope unless they ask for a region inside it; a region
 * outside it, or wider, is refused (403 SCOPE_EXCEEDED) rather than quietly clamped, so that no
 * report is ever labelled with a region whose totals it does not hold. The admin, and officials
 * not yet given a scope, report nationwide or on any region.
 */
export function reportScope(user: AuthenticatedUser, requested: string | undefined): ReportScope {
  const own = user.role === 'official' ? user.divisionScope : null;
  const region = requested ?? own;
  if (!scopeWithin(region, own)) {
    throw new AppError(
      403,
      'SCOPE_EXCEEDED',
      `This account reports on ${own ?? 'the whole country'} only; ask for a region inside it or leave region out.`,
    );
  }
  return { region, prefix: region === null ? null : scopePrefix(region) };
}
