import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { VERIFY_CONFIG, type VerifyModuleConfig } from '../config/verify-service.config';
import { cloneSignal, type CloneSignal, type Sighting } from './clone-rule';
import { RecentSightings } from './recent-sightings';

interface SightingRow {
  id: string;
  pass_number: string;
  checkpoint_code: string;
  direction: 'entry' | 'exit';
  checked_at: Date;
  latitude: number | null;
  longitude: number | null;
}

/** The longest gap the travel rule can still catch: about 40 hours across China at 120 km/h. */
const SEED_HORIZON_MS = 48 * 3_600_000;

/**
 * Applies the clone rule to accepted scans against this replica's memory of recent accepted
 * scans, which is seeded from the scans table at start-up so a restart does not forget.
 */
@Injectable()
export class CloneDetector implements OnApplicationBootstrap {
  private readonly recent: RecentSightings;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(VERIFY_CONFIG) private readonly config: VerifyModuleConfig,
  ) {
    this.recent = new RecentSightings(config.clone.trackedPasses, config.clone.scansPerPass);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { trackedPasses, scansPerPass, reentryWindowMs } = this.config.clone;
    const horizon = new Date(Date.now() - Math.max(SEED_HORIZON_MS, reentryWindowMs));
    const rows: SightingRow[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT s.id, s.pass_number, s.checkpoint_code, s.direction, s.checked_at, c.latitude, c.longitude
         FROM scans s JOIN checkpoints c ON c.code = s.checkpoint_code
         WHERE s.verdict = 'accepted' AND s.checked_at >= $1
         ORDER BY s.checked_at DESC LIMIT $2
       ) newest ORDER BY checked_at`,
      [horizon, trackedPasses * scansPerPass],
    );
    for (const row of rows) this.recent.add(row.pass_number, toSighting(row));
  }

  /**
   * Judges an accepted scan and remembers it; returns the rule that fired, if any. A scan id the
   * pass was already seen with (a resend) is neither judged nor remembered again.
   */
  observe(passNumber: string, sighting: Sighting): CloneSignal | null {
    if (this.recent.of(passNumber).some((s) => s.scanId === sighting.scanId)) return null;
    const signal = cloneSignal(this.recent.of(passNumber), sighting, this.config.clone);
    this.recent.add(passNumber, sighting);
    return signal;
  }

  /** The scan was not stored after all, so this sighting must not count against later scans. */
  forget(passNumber: string, sighting: Sighting): void {
    this.recent.remove(passNumber, sighting);
  }
}

function toSighting(row: SightingRow): Sighting {
  return {
    scanId: row.id,
    checkpointCode: row.checkpoint_code,
    direction: row.direction,
    at: row.checked_at.getTime(),
    location:
      row.latitude === null || row.longitude === null
        ? null
        : { latitude: row.latitude, longitude: row.longitude },
  };
}
