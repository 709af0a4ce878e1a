import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { AccessTokenKeys } from '@app/auth';
import { publicKeyFromJwk } from '@app/pass-token';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { VERIFY_CONFIG, type VerifyModuleConfig } from '../config/verify-service.config';
import { text, type Row } from '@app/database';
import { publicJwk } from '../database/public-jwk-column';

const jwks = z.object({
  keys: z
    .array(
      z.object({
        kid: z.string().min(1).max(200),
        kty: z.literal('EC'),
        crv: z.literal('P-256'),
        x: z.string().min(1).max(100),
        y: z.string().min(1).max(100),
      }),
    )
    .max(100),
});

const RETRY_AFTER_FAILURE_MS = 1000;

/**
 * The keys officers' access tokens are checked with. Like the pass keys they are kept in this
 * service's schema: after a restart while pass-service (the identity provider) is down, officers
 * holding a valid token can still verify. An unknown kid triggers at most one fetch per interval.
 */
@Injectable()
export class StoredAccessTokenKeys extends AccessTokenKeys implements OnApplicationBootstrap {
  private readonly log = new Logger('AccessTokenKeys');
  private readonly keys = new Map<string, KeyObject>();
  private readonly url: string;
  private lastFetch = Number.NEGATIVE_INFINITY;
  private inFlight?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(VERIFY_CONFIG) private readonly config: VerifyModuleConfig,
  ) {
    super();
    this.url = `${config.passServiceUrl}/.well-known/access-token-jwks.json`;
  }

  async onApplicationBootstrap(): Promise<void> {
    const rows: Row[] = await this.dataSource.query(
      'SELECT kid, public_jwk FROM access_token_keys',
    );
    for (const row of rows) {
      this.keys.set(text(row, 'kid'), publicKeyFromJwk(publicJwk(row, 'public_jwk')));
    }
    await this.refresh();
  }

  async keyFor(kid: string): Promise<KeyObject | undefined> {
    const known = this.keys.get(kid);
    if (known) return known;
    if (Date.now() - this.lastFetch >= this.config.keyRefreshMinIntervalMs) await this.refresh();
    return this.keys.get(kid);
  }

  private refresh(): Promise<void> {
    this.inFlight ??= this.fetchAndStore().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async fetchAndStore(): Promise<void> {
    this.lastFetch = Date.now();
    try {
      const response = await fetch(this.url, {
        signal: AbortSignal.timeout(this.config.jwksFetchTimeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const { keys } = jwks.parse(await response.json());
      await this.dataSource.query(
        `INSERT INTO access_token_keys (kid, public_jwk)
         SELECT * FROM unnest($1::text[], $2::jsonb[])
         ON CONFLICT (kid) DO UPDATE SET public_jwk = EXCLUDED.public_jwk, fetched_at = now()`,
        [
          keys.map((k) => k.kid),
          keys.map((k) => JSON.stringify({ kty: k.kty, crv: k.crv, x: k.x, y: k.y })),
        ],
      );
      for (const k of keys) {
        this.keys.set(k.kid, publicKeyFromJwk({ kty: k.kty, crv: k.crv, x: k.x, y: k.y }));
      }
    } catch (error) {
      // A failed fetch (pass-service down or still starting) may be retried after a second, not
      // after the full interval: a user who just logged in must not wait for it.
      this.lastFetch = Date.now() - this.config.keyRefreshMinIntervalMs + RETRY_AFTER_FAILURE_MS;
      // Keep the keys we hold: pass-service being down must not lock officers out.
      this.log.warn(
        `could not fetch ${this.url}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
