import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { Contract } from '@app/platform';
import { TrustedKeys } from './trusted-keys.service';
import { trustedKeysViewSchema, type TrustedKeysView } from './trusted-keys.view';

/** The keys an offline scanner needs to verify passes itself, JWKS-shaped. */
@ApiTags('trusted-keys')
@ApiBearerAuth()
@Controller('v1/trusted-keys')
export class TrustedKeysController {
  constructor(private readonly trustedKeys: TrustedKeys) {}

  @Contract({
    summary: 'List the pass-signing keys this service trusts, for offline scanners',
    description:
      'A JWKS-shaped list of ES256 (P-256) public keys. A scanner verifies a pass token offline with the key whose `kid` its header names; a token naming another key is UNKNOWN_KEY.',
    responses: { 200: trustedKeysViewSchema },
  })
  @Get()
  @Roles('officer', 'official', 'admin')
  list(): TrustedKeysView {
    return {
      keys: this.trustedKeys.list().map((key) => ({
        kid: key.kid,
        ...key.jwk,
        alg: 'ES256',
        use: 'sig',
        source: key.source,
        fetchedAt: key.fetchedAt.toISOString(),
      })),
      syncedAt: this.trustedKeys.syncedAt?.toISOString() ?? null,
    };
  }
}
