import { Inject, Injectable } from '@nestjs/common';
import { isKidOf, type EcPublicJwk } from '@app/pass-token';
import { z } from 'zod';
import { VERIFY_CONFIG, type VerifyModuleConfig } from '../config/verify-service.config';

const jwksDocument = z.object({ keys: z.array(z.unknown()).max(1000) });
const ecKey = z.object({
  kid: z.string().min(1).max(100),
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1).max(100),
  y: z.string().min(1).max(100),
});

export interface PublishedKey {
  kid: string;
  jwk: EcPublicJwk;
}

/** Reads pass-service's published pass-signing keys (`/.well-known/jwks.json`). */
@Injectable()
export class JwksClient {
  private readonly url: string;

  constructor(@Inject(VERIFY_CONFIG) private readonly config: VerifyModuleConfig) {
    this.url = `${config.passServiceUrl}/.well-known/jwks.json`;
  }

  /** Throws when pass-service cannot be reached or answers with something that is not a JWKS. */
  async fetchKeys(): Promise<PublishedKey[]> {
    const response = await fetch(this.url, {
      signal: AbortSignal.timeout(this.config.jwksFetchTimeoutMs),
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`${this.url} answered ${response.status}`);
    const document = jwksDocument.parse(await response.json());
    return document.keys
      .flatMap((entry) => {
        const key = ecKey.safeParse(entry);
        return key.success ? [toPublishedKey(key.data)] : [];
      })
      .filter(isSelfConsistent);
  }
}

function toPublishedKey(key: z.infer<typeof ecKey>): PublishedKey {
  return { kid: key.kid, jwk: { kty: key.kty, crv: key.crv, x: key.x, y: key.y } };
}

/**
 * The kid is the key's RFC 7638 thumbprint, or (the short kid of newer keys) its first 8
 * characters, so a kid that does not match its key is refused. A kid already trusted keeps the key it
 * was first stored with (the upsert never replaces a stored key), so even a key whose thumbprint
 * happens to start like a trusted short kid cannot take that kid over.
 */
export function isSelfConsistent(key: PublishedKey): boolean {
  return isKidOf(key.kid, key.jwk);
}
