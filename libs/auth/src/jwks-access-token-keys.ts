import { Logger } from '@nestjs/common';
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { AccessTokenKeys } from './access-token-keys';

const MIN_REFRESH_INTERVAL_MS = 10_000;
const RETRY_AFTER_FAILURE_MS = 1000;

/**
 * Access-token keys fetched from pass-service's published JWKS. An unknown kid triggers at most
 * one refresh per interval, so a flood of forged tokens cannot turn into a flood of fetches.
 */
export class JwksAccessTokenKeys extends AccessTokenKeys {
  private keys = new Map<string, KeyObject>();
  private lastFetch = 0;
  private inFlight?: Promise<void>;
  private readonly logger = new Logger('AccessTokenKeys');

  constructor(private readonly jwksUrl: string) {
    super();
  }

  async keyFor(kid: string): Promise<KeyObject | undefined> {
    const known = this.keys.get(kid);
    if (known) return known;
    // A fetch under way (the first requests after start-up arrive together) answers them all.
    if (this.inFlight) await this.inFlight;
    else if (Date.now() - this.lastFetch >= MIN_REFRESH_INTERVAL_MS) await this.refresh();
    return this.keys.get(kid);
  }

  refresh(): Promise<void> {
    this.inFlight ??= this.fetchKeys().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async fetchKeys(): Promise<void> {
    this.lastFetch = Date.now();
    try {
      const response = await fetch(this.jwksUrl, { signal: AbortSignal.timeout(3000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { keys?: (JsonWebKey & { kid?: string })[] };
      const next = new Map<string, KeyObject>();
      for (const jwk of body.keys ?? []) {
        if (jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.kid === 'string') {
          next.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
        }
      }
      this.keys = next;
    } catch (error) {
      // A failed fetch (pass-service down or still starting) may be retried after a second.
      this.lastFetch = Date.now() - MIN_REFRESH_INTERVAL_MS + RETRY_AFTER_FAILURE_MS;
      // Keep the keys we had: pass-service being down must not log everybody out.
      this.logger.warn(
        `could not fetch ${this.jwksUrl}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
