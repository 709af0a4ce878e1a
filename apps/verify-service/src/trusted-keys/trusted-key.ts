import type { KeyObject } from 'node:crypto';
import type { EcPublicJwk } from '@app/pass-token';

/** Where a key was learnt: pass-service's JWKS document, or a signing-key.activated event. */
export const TRUSTED_KEY_SOURCES = ['jwks', 'event'] as const;
export type TrustedKeySource = (typeof TRUSTED_KEY_SOURCES)[number];

/** A public pass-signing key verify-service trusts, parsed once into a KeyObject for the hot path. */
export interface TrustedKey {
  kid: string;
  jwk: EcPublicJwk;
  publicKey: KeyObject;
  source: TrustedKeySource;
  fetchedAt: Date;
}
