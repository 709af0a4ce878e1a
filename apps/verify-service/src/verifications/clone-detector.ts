import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@app/platform';
import { VERIFY_CONFIG, type VerifyModuleConfig } from '../config/verify-service.config';
import { cloneSignal, type CloneSignal, type Sighting } from './clone-rule';
import { RecentSightings } from './recent-sightings';
import { ScansRepository } from './scans.repository';

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
    private readonly scans: ScansRepository,
    @Inject(VERIFY_CONFIG) private readonly config: VerifyModuleConfig,
    private readonly clock: Clock,
  ) {
    this.recent = new RecentSightings(config.clone.trackedPasses, config.clone.scansPerPass);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { trackedPasses, scansPerPass, reentryWindowMs } = this.config.clone;
    const horizon = new Date(
      this.clock.now().getTime() - Math.max(SEED_HORIZON_MS, reentryWindowMs),
    );
    const seen = await this.scans.findRecentAccepted(horizon, trackedPasses * scansPerPass);
    for (const { passNumber, sighting } of seen) this.recent.add(passNumber, sighting);
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
