import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenGuard } from './access-token.guard';
import { AccessTokenKeys } from './access-token-keys';
import {
  DISABLED_USERS_OPTIONS,
  DisabledUsers,
  DisabledUserSource,
  type DisabledUsersOptions,
} from './disabled-users';
import { JwksAccessTokenKeys } from './jwks-access-token-keys';

export interface AccessOptions extends DisabledUsersOptions {
  /** Where this service reads its disabled users: required, so no service forgets to check. */
  disabledUsers: Provider<DisabledUserSource>;
}

/**
 * The access-token guard on every route. Services other than pass-service trust the keys that
 * pass-service publishes; pass-service passes its own key store. Each service names where it
 * reads the disabled users (pass-service its users table, the others the table they keep from
 * `user.access-changed`).
 */
@Module({})
export class AuthModule {
  static forRoot(
    keys: { jwksUrl: string } | { provider: Provider<AccessTokenKeys> },
    access: AccessOptions,
  ): DynamicModule {
    const keysProvider: Provider =
      'jwksUrl' in keys
        ? { provide: AccessTokenKeys, useValue: new JwksAccessTokenKeys(keys.jwksUrl) }
        : keys.provider;
    return {
      module: AuthModule,
      global: true,
      providers: [
        keysProvider,
        access.disabledUsers,
        { provide: DISABLED_USERS_OPTIONS, useValue: { pollIntervalMs: access.pollIntervalMs } },
        DisabledUsers,
        { provide: APP_GUARD, useClass: AccessTokenGuard },
      ],
      exports: [AccessTokenKeys, DisabledUsers],
    };
  }
}
