import { findDivision } from './division';

/**
 * A jurisdiction: the six-digit code of a province (410000), a city (410200) or a county
 * (410203). An official sees only what lies inside it; `null` is nationwide (the admin, and
 * officials created before scopes existed until an admin narrows them).
 */
export type DivisionScope = string | null;

/** True for the six-digit code of a known province, city or county. */
export function isDivisionScope(code: string): boolean {
  return /^\d{6}$/.test(code) && findDivision(code) !== undefined;
}

/**
 * The leading digits every code inside the scope shares: two for a province, four for a city,
 * six for a county. Stored codes can be matched with `LIKE prefix || '%'` and an index.
 */
export function scopePrefix(scope: string): string {
  const level = findDivision(scope)?.level;
  if (level === 'province') return scope.slice(0, 2);
  if (level === 'city') return scope.slice(0, 4);
  if (level === 'county') return scope;
  throw new RangeError(`"${scope}" is not a known province, city or county code`);
}

/** Whether a six-digit division code lies inside the scope; everything lies inside `null`. */
export function inScope(scope: DivisionScope, code: string): boolean {
  return scope === null || code.startsWith(scopePrefix(scope));
}

/** Whether `inner` (a scope) lies entirely inside `outer`: a report cannot be widened past its scope. */
export function scopeWithin(inner: DivisionScope, outer: DivisionScope): boolean {
  if (outer === null) return true;
  return inner !== null && inner.startsWith(scopePrefix(outer));
}
