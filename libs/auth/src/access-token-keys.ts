import type { KeyObject } from 'node:crypto';

/** Where the guard finds the public key for an access token's `kid`. */
export abstract class AccessTokenKeys {
  /** The key, or undefined when the kid is not (or no longer) trusted. */
  abstract keyFor(kid: string): Promise<KeyObject | undefined>;
}
