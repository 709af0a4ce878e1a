import { z } from 'zod';
import { TRUSTED_KEY_SOURCES } from './trusted-key';

/** One public pass-signing key, a JWK (RFC 7517) with where and when it was learnt. */
export const trustedKeySchema = z
  .strictObject({
    kid: z.string().describe("The key id in a pass token's header."),
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: z.string(),
    y: z.string(),
    alg: z.literal('ES256'),
    use: z.literal('sig'),
    source: z
      .enum(TRUSTED_KEY_SOURCES)
      .describe("pass-service's JWKS document, or a signing-key.activated event."),
    fetchedAt: z.iso.datetime(),
  })
  .meta({ id: 'TrustedKey' });

/** The keys an offline scanner verifies passes with, JWKS-shaped; published as `TrustedKeys`. */
export const trustedKeysViewSchema = z
  .strictObject({
    keys: z.array(trustedKeySchema),
    syncedAt: z.iso
      .datetime()
      .nullable()
      .describe('When the list was last confirmed by pass-service; null before the first time.'),
  })
  .meta({ id: 'TrustedKeys' });
export type TrustedKeysView = z.infer<typeof trustedKeysViewSchema>;
