import { Global, Module } from '@nestjs/common';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { KeyEncryption } from './key-encryption';
import { RotatePassKeyUseCase } from './rotate-pass-key.use-case';
import { SigningKeyStore } from './signing-key.store';
import { SigningKeysController } from './signing-keys.controller';
import { SigningKeysRepository } from './signing-keys.repository';
import { StoreAccessTokenKeys } from './store-access-token-keys';

/** Global because the auth guard (in AuthModule) and the issuing use cases all need the key store. */
@Global()
@Module({
  controllers: [SigningKeysController],
  providers: [
    {
      provide: KeyEncryption,
      inject: [PASS_SERVICE_CONFIG],
      useFactory: (config: PassServiceConfig) => new KeyEncryption(config.keyEncryptionSecret),
    },
    SigningKeysRepository,
    SigningKeyStore,
    StoreAccessTokenKeys,
    RotatePassKeyUseCase,
  ],
  exports: [SigningKeyStore, StoreAccessTokenKeys],
})
export class SigningKeysModule {}
