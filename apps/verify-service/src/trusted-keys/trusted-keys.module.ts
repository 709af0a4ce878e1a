import { Module } from '@nestjs/common';
import { JwksClient } from './jwks-client';
import { TrustedKeysController } from './trusted-keys.controller';
import { TrustedKeysRepository } from './trusted-keys.repository';
import { TrustedKeys } from './trusted-keys.service';

@Module({
  controllers: [TrustedKeysController],
  providers: [TrustedKeysRepository, JwksClient, TrustedKeys],
  exports: [TrustedKeys],
})
export class TrustedKeysModule {}
