import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { TrustedKeys } from './trusted-keys.service';

export interface TrustedKeysView {
  keys: {
    kid: string;
    kty: 'EC';
    crv: 'P-256';
    x: string;
    y: string;
    alg: 'ES256';
    use: 'sig';
    source: string;
    fetchedAt: string;
  }[];
  syncedAt: string | null;
}

/** The keys an offline scanner needs to verify passes itself, JWKS-shaped. */
@ApiTags('trusted-keys')
@ApiBearerAuth()
@Controller('v1/trusted-keys')
export class TrustedKeysController {
  constructor(private readonly trustedKeys: TrustedKeys) {}

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
