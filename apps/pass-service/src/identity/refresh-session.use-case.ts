import { Injectable } from '@nestjs/common';
import { AppError } from '@app/platform';
import { DataSource } from 'typeorm';
import { RefreshTokens, type NewRefreshToken } from './refresh-tokens';
import { SessionIssuer, type SessionTokens } from './session-issuer';
import { UsersRepository, type UserRecord } from './users.repository';

type Outcome =
  | { outcome: 'rotated'; user: UserRecord; next: NewRefreshToken }
  | { outcome: 'reused' | 'invalid' | 'disabled' };

/**
 * Rotates a refresh token: the one presented is spent, the answer carries the next one and an
 * access token built from the user's row as it is now (a new scope applies from here). A token
 * presented a second time ends its whole session: one of the two holders is not its owner.
 */
@Injectable()
export class RefreshSessionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokens,
    private readonly sessions: SessionIssuer,
  ) {}

  async execute(refreshToken: string): Promise<SessionTokens> {
    // Ending a reused session must commit although the answer is an error: the transaction
    // returns what happened, and the error is thrown after it.
    const result = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const presented = await this.refreshTokens.find(manager, refreshToken);
      if (!presented) return { outcome: 'invalid' };
      // The user's row first, then the token (the order a disable or a reset takes): either it
      // waits for this refresh and then ends the new token too, or this refresh sees it.
      const user = await this.users.findById(manager, presented.userId, 'share');
      if (!user) return { outcome: 'invalid' };
      if (user.disabledAt) return { outcome: 'disabled' };
      const rotation = await this.refreshTokens.rotate(manager, refreshToken);
      return rotation.outcome === 'rotated' ? { ...rotation, user } : rotation;
    });
    switch (result.outcome) {
      case 'rotated':
        return this.sessions.tokens(result.user, result.next);
      case 'reused':
        throw new AppError(
          401,
          'REFRESH_TOKEN_REUSED',
          'This refresh token was already used, so its session has been ended; log in again.',
        );
      case 'disabled':
        throw new AppError(
          401,
          'ACCOUNT_DISABLED',
          'This account has been disabled; ask an administrator.',
        );
      case 'invalid':
        throw new AppError(
          401,
          'REFRESH_TOKEN_INVALID',
          'This session has ended or the refresh token is not valid; log in again.',
        );
    }
  }
}
