import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenGuard } from './access-token.guard';
import { AccessTokenKeys } from './access-token-keys';
import { JwksAccessTokenKeys } from './jwks-access-token-keys';

/**
 * The access-token guard on every route. Services other than pass-service trust the keys that
 * pass-service publishes; pass-service passes its own key store.
 */
@Module({})
export class AuthModule {
  static forRoot(
    keys: { jwksUrl: string } | { provider: Provider<AccessTokenKeys> },
  ): DynamicModule {
    const keysProvider: Provider =
      'jwksUrl' in keys
        ? { provide: AccessTokenKeys, useValue: new JwksAccessTokenKeys(keys.jwksUrl) }
        : keys.provider;
    return {
      module: AuthModule,
      global: true,
      providers: [keysProvider, { provide: APP_GUARD, useClass: AccessTokenGuard }],
      exports: [AccessTokenKeys],
    };
  }
}
