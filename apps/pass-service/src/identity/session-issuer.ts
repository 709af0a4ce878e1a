import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { AccessTokenIssuer, type IssuedAccessToken } from './access-token.issuer';
import { RefreshTokens, type NewRefreshToken } from './refresh-tokens';
import { toAuthenticatedUser } from './user.view';
import type { UserRecord } from './users.repository';

/** What login and refresh answer: a short access token and the session's next refresh token. */
export interface SessionTokens extends IssuedAccessToken {
  refreshToken: string;
  /** Seconds until the session ends; a refresh does not extend it. */
  refreshExpiresIn: number;
}

/** Starts a session at login, and gives a refreshed one its new access token. */
@Injectable()
export class SessionIssuer {
  constructor(
    private readonly accessTokens: AccessTokenIssuer,
    private readonly refreshTokens: RefreshTokens,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {}

  async start(manager: EntityManager, user: UserRecord): Promise<SessionTokens> {
    const refresh = await this.refreshTokens.startFamily(
      manager,
      user.id,
      this.config.refreshTokenTtlSeconds,
    );
    return this.tokens(user, refresh);
  }

  /** The access token carries the row as it is now: a new role or scope applies from here. */
  tokens(user: UserRecord, refresh: NewRefreshToken): SessionTokens {
    return {
      ...this.accessTokens.issue(toAuthenticatedUser(user)),
      refreshToken: refresh.refreshToken,
      refreshExpiresIn: refresh.refreshExpiresIn,
    };
  }
}
