import { cityOf, provinceOf } from '@app/domain';

/** How a checkpoint relates to a pass's route, most specific first; null means outside it. */
export const ROUTE_MATCHES = ['county', 'city', 'province', 'corridor'] as const;
export type RouteMatch = (typeof ROUTE_MATCHES)[number];

export interface RouteCheckpoint {
  divisionCode: string;
  corridorDivisions: readonly string[];
}

/**
 * A pass is accepted at a checkpoint whose division shares the county, the city or the province
 * of the pass's origin or destination, or whose declared corridor covers the origin or the
 * destination. A checkpoint is registered at any level (county 410205, city 410200, province
 * 410000); a city- or province-level code shares only its own level and above.
 * Kaifeng (410205) → Zhengzhou (410102): accepted in Kaifeng, in Zhengzhou and anywhere in
 * Henan; refused in Guangzhou unless that checkpoint declares Henan or one of the two cities in
 * its corridor.
 */
export function routeMatch(
  checkpoint: RouteCheckpoint,
  origin: string,
  destination: string,
): RouteMatch | null {
  const ends = [origin, destination];
  const here = checkpoint.divisionCode;
  if (levelOf(here) === 'county' && ends.includes(here)) return 'county';
  if (levelOf(here) !== 'province' && ends.some((end) => cityOf(end) === cityOf(here))) {
    return 'city';
  }
  if (ends.some((end) => provinceOf(end) === provinceOf(here))) return 'province';
  if (checkpoint.corridorDivisions.some((c) => ends.some((end) => covers(c, end)))) {
    return 'corridor';
  }
  return null;
}

/** Whether a division (at its level) contains a county code. */
export function covers(division: string, county: string): boolean {
  switch (levelOf(division)) {
    case 'province':
      return provinceOf(division) === provinceOf(county);
    case 'city':
      return cityOf(division) === cityOf(county);
    case 'county':
      return division === county;
  }
}

/**
 * The level a six-digit code names by its shape. A few cities without counties (Dongguan 441900)
 * have a code that looks city-level; for route purposes "the whole city" is the same thing.
 */
function levelOf(code: string): 'province' | 'city' | 'county' {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}
