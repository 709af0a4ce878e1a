import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import type { SigningKeyActivatedV1 } from '@app/contracts';
import { publicKeyFromJwk } from '@app/pass-token';
import { DataSource, type EntityManager } from 'typeorm';
import { VERIFY_CONFIG, type VerifyModuleConfig } from '../config/verify-service.config';
import { AfterCommit } from '../database/after-commit';
import { isSelfConsistent, JwksClient, type PublishedKey } from './jwks-client';
import type { TrustedKey } from './trusted-key';
import type { TrustedKeyRecord } from './trusted-key.record';
import { TrustedKeysRepository } from './trusted-keys.repository';

/**
 * The pass-signing keys this service trusts. They live in the service's own table, so a restart
 * with pass-service down still verifies, and in memory, so a verdict never waits on I/O.
 */
@Injectable()
export class TrustedKeys implements OnApplicationBootstrap {
  private readonly log = new Logger('TrustedKeys');
  private readonly keys = new Map<string, TrustedKey>();
  private lastSync: Date | null = null;
  private refreshing?: Promise<void>;
  private lastRefreshStartedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly repository: TrustedKeysRepository,
    private readonly jwks: JwksClient,
    private readonly dataSource: DataSource,
    private readonly afterCommit: AfterCommit,
    @Inject(VERIFY_CONFIG) private readonly config: VerifyModuleConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.loadStored();
    await this.refresh();
  }

  keyFor(kid: string): KeyObject | undefined {
    return this.keys.get(kid)?.publicKey;
  }

  list(): TrustedKey[] {
    return [...this.keys.values()];
  }

  /** When the key list was last confirmed by pass-service (its JWKS or a key event). */
  get syncedAt(): Date | null {
    return this.lastSync;
  }

  /**
   * A scan named a kid we do not hold: perhaps a key pass-service activated a moment ago. At most
   * one refresh runs at a time and one starts per interval, so a stream of forged kids costs
   * pass-service nothing; callers arriving during a refresh share it.
   */
  async learn(kid: string): Promise<KeyObject | undefined> {
    if (!this.refreshing) {
      if (Date.now() - this.lastRefreshStartedAt < this.config.keyRefreshMinIntervalMs) {
        return this.keyFor(kid);
      }
      this.lastRefreshStartedAt = Date.now();
      this.refreshing = this.loadStored()
        .then(() => (this.keyFor(kid) ? undefined : this.refresh()))
        .finally(() => {
          this.refreshing = undefined;
        });
    }
    await this.refreshing;
    return this.keyFor(kid);
  }

  /** Applies signing-key.activated events inside the consumer's transaction. */
  async applyActivations(manager: EntityManager, events: SigningKeyActivatedV1[]): Promise<void> {
    if (events.length === 0) return;
    const keys = events
      .map((e) => ({ kid: e.data.kid, jwk: e.data.publicJwk }))
      .filter((key) => {
        if (isSelfConsistent(key)) return true;
        this.log.warn(
          `ignored signing-key.activated for kid ${key.kid}: kid is not its thumbprint`,
        );
        return false;
      });
    const stored = await this.repository.upsert(manager, keys, 'event');
    this.afterCommit.run(manager, () => {
      stored.forEach((key) => this.remember(key));
      this.lastSync = new Date();
    });
  }

  private async refresh(): Promise<void> {
    let published: PublishedKey[];
    try {
      published = await this.jwks.fetchKeys();
    } catch (error) {
      this.log.warn(
        `pass-service JWKS unavailable (${error instanceof Error ? error.message : String(error)}); verifying with ${this.keys.size} stored key(s)`,
      );
      return;
    }
    const stored = await this.dataSource.transaction((manager) =>
      this.repository.upsert(manager, published, 'jwks'),
    );
    stored.forEach((key) => this.remember(key));
    this.lastSync = new Date();
  }

  private async loadStored(): Promise<void> {
    const stored = await this.repository.findAll();
    stored.forEach((key) => this.remember(key));
    const newest = stored.reduce<Date | null>(
      (max, key) => (max === null || key.fetchedAt > max ? key.fetchedAt : max),
      null,
    );
    if (newest && (this.lastSync === null || newest > this.lastSync)) this.lastSync = newest;
  }

  private remember(stored: TrustedKeyRecord): void {
    const known = this.keys.get(stored.kid);
    this.keys.set(stored.kid, {
      ...stored,
      publicKey: known?.publicKey ?? publicKeyFromJwk(stored.jwk),
    });
  }
}
