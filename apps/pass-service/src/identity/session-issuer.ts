import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { ROLES } from '@app/auth';
import { z } from 'zod';
import { AccessTokenIssuer } from './access-token.issuer';
import { RefreshTokens, type NewRefreshToken } from './refresh-tokens';
import { toAuthenticatedUser } from './user.view';
import type { UserRecord } from './users.repository';

/**
 * What login and refresh answer: a short access token and the session's next refresh token
 * (published as component `Session`).
 */
export const sessionTokensSchema = z
  .strictObject({
    accessToken: z.string().describe('ES256 JWT; send as `Authorization: Bearer …`.'),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().describe('Seconds the access token lives.'),
    role: z.enum(ROLES),
    refreshToken: z.string().describe('Single use: each refresh answers a new one.'),
    refreshExpiresIn: z.number().int().describe('Seconds until the session (a shift) ends.'),
  })
  .meta({ id: 'Session' });

export type SessionTokens = z.infer<typeof sessionTokensSchema>;

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
