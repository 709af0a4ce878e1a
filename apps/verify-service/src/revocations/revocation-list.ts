import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { PassRevokedV1 } from '@app/contracts';
import { PeriodicTask } from '@app/platform';
import type { EntityManager } from 'typeorm';
import { VERIFY_CONFIG, type VerifyModuleConfig } from '../config/verify-service.config';
import { AfterCommit } from '../database/after-commit';
import type { RevocationDelta, RevocationEntry } from './revocation-delta';
import type { RevocationRecord } from './revocation.record';
import { RevocationsRepository } from './revocations.repository';

/**
 * Revoked passes, in memory for the hot path. Filled from the table at start-up, by this
 * replica's consumer after each commit, and by polling for versions other replicas applied
 * (they share the consumer group, so each sees only some partitions).
 */
@Injectable()
export class RevocationList implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('RevocationList');
  /**
   * pass number → validUntil in ms. By number, not id: the number is what a pass token carries
   * (new tokens have no pass id), and it is as unique as the id.
   */
  private readonly revoked = new Map<string, number>();
  private knownVersion = 0;
  private readonly polls = new PeriodicTask('polling', () => this.poll(), this.log);
  private readonly prunes = new PeriodicTask('pruning', () => this.pruneExpired(), this.log);

  constructor(
    private readonly repository: RevocationsRepository,
    private readonly afterCommit: AfterCommit,
    @Inject(VERIFY_CONFIG) private readonly config: VerifyModuleConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.polls.runNow();
    this.polls.start(this.config.revocationPollIntervalMs);
    this.prunes.start(this.config.revocationPruneIntervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.polls.stop(), this.prunes.stop()]);
  }

  isRevoked(passNumber: string): boolean {
    return this.revoked.has(passNumber);
  }

  get version(): number {
    return this.knownVersion;
  }

  async apply(manager: EntityManager, events: PassRevokedV1[]): Promise<void> {
    const added = await this.repository.insert(
      manager,
      events.map((e) => ({
        passId: e.data.passId,
        passNumber: e.data.passNumber,
        validUntil: new Date(e.data.validUntil),
        revokedAt: new Date(e.occurredAt),
      })),
    );
    // The version is not advanced here: only the poll does, in order, so none is skipped.
    this.afterCommit.run(manager, () =>
      added.forEach((r) => this.revoked.set(r.passNumber, r.validUntil.getTime())),
    );
  }

  async changesSince(since: number): Promise<RevocationDelta> {
    const [revocations, prunedBefore] = await Promise.all([
      this.repository.findSince(since),
      this.repository.prunedBefore(),
    ]);
    const revoked = revocations.map(toEntry);
    const version = Math.max(since, ...revoked.map((r) => r.version));
    return prunedBefore
      ? { version, revoked, removedBefore: prunedBefore.toISOString() }
      : { version, revoked };
  }

  /**
   * Drops entries once their pass has expired beyond the clock leeway: a prune round now (or the
   * one running). A failure is logged, and the next round tries again.
   */
  prune(): Promise<void> {
    return this.prunes.runNow();
  }

  private async pruneExpired(): Promise<void> {
    const horizon = await this.repository.prune(this.config.clockLeewaySeconds);
    for (const [passNumber, validUntil] of this.revoked) {
      if (validUntil < horizon.getTime()) this.revoked.delete(passNumber);
    }
  }

  private async poll(): Promise<void> {
    for (const revocation of await this.repository.findSince(this.knownVersion)) {
      this.revoked.set(revocation.passNumber, revocation.validUntil.getTime());
      this.knownVersion = Math.max(this.knownVersion, revocation.version);
    }
  }
}

function toEntry(revocation: RevocationRecord): RevocationEntry {
  return {
    passId: revocation.passId,
    passNumber: revocation.passNumber,
    validUntil: revocation.validUntil.toISOString(),
    version: revocation.version,
  };
}
