import type { KeyObject } from 'node:crypto';
import type { EcPublicJwk } from '@app/pass-token';

export type TrustedKeySource = 'jwks' | 'event';

/** A public pass-signing key verify-service trusts, parsed once into a KeyObject for the hot path. */
export interface TrustedKey {
  kid: string;
  jwk: EcPublicJwk;
  publicKey: KeyObject;
  source: TrustedKeySource;
  fetchedAt: Date;
}
