import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RefreshTokens } from './refresh-tokens';

/**
 * Ends the session the refresh token belongs to, on this device only. Answers the same whatever
 * the token was (live, spent, ended, unknown): logging out twice is not an error, and the answer
 * tells a guesser nothing. The access token in hand keeps working until it expires (minutes).
 */
@Injectable()
export class LogOutUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly refreshTokens: RefreshTokens,
  ) {}

  async execute(refreshToken: string): Promise<void> {
    await this.refreshTokens.endFamilyOf(this.dataSource.manager, refreshToken);
  }
}
