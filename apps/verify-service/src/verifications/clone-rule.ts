/** One accepted scan of a pass, as the clone rule needs it. */
export interface Sighting {
  scanId: string;
  checkpointCode: string;
  location: { latitude: number; longitude: number } | null;
  direction: 'entry' | 'exit';
  /** Epoch milliseconds. */
  at: number;
}

export interface CloneRule {
  maxSpeedKmh: number;
  reentryWindowMs: number;
}

export type CloneSignal = 'impossible_travel' | 'reentry_without_exit';

const EARTH_RADIUS_KM = 6371.0088;

/**
 * A copied QR shows up as the same pass in two places at once. The scan is flagged (never
 * refused: the officer decides) when, against an earlier accepted scan of the same pass:
 * - impossible travel: both checkpoints have coordinates and the great-circle distance between
 *   them is more than `maxSpeedKmh` allows in the time between the two scans; or
 * - re-entry: this is an entry at a checkpoint whose latest scan of this pass was also an entry
 *   (no exit in between) less than `reentryWindowMs` ago.
 */
export function cloneSignal(
  earlier: readonly Sighting[],
  current: Sighting,
  rule: CloneRule,
): CloneSignal | null {
  for (const previous of earlier) {
    if (previous.checkpointCode === current.checkpointCode) continue;
    if (!previous.location || !current.location) continue;
    const km = haversineKm(previous.location, current.location);
    const hours = Math.abs(current.at - previous.at) / 3_600_000;
    if (km > rule.maxSpeedKmh * hours) return 'impossible_travel';
  }
  if (current.direction !== 'entry') return null;
  const lastHere = earlier
    .filter((s) => s.checkpointCode === current.checkpointCode && s.at <= current.at)
    .reduce<Sighting | undefined>(
      (latest, s) => (!latest || s.at > latest.at ? s : latest),
      undefined,
    );
  if (lastHere?.direction === 'entry' && current.at - lastHere.at <= rule.reentryWindowMs) {
    return 'reentry_without_exit';
  }
  return null;
}

export function haversineKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
