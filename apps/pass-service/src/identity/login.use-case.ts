import { Injectable } from '@nestjs/common';
import { AppError } from '@app/platform';
import { DataSource } from 'typeorm';
import { AccessTokenIssuer, type IssuedAccessToken } from './access-token.issuer';
import type { LoginBody } from './identity.schemas';
import { LoginRateLimiter } from './login-rate-limiter';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

@Injectable()
export class LoginUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokenIssuer,
    private readonly limiter: LoginRateLimiter,
  ) {}

  async execute(body: LoginBody, clientIp: string | undefined): Promise<IssuedAccessToken> {
    const username = body.username.trim().toLowerCase();
    // Counted before the password is checked: a burst sent at once is cut at the limit.
    await this.limiter.admit(username, clientIp);
    const user = await this.users.findByUsername(this.dataSource.manager, username);
    // One answer for an unknown user and a wrong password, so usernames cannot be probed.
    if (!(await this.hasher.verify(user?.password_hash, body.password)) || !user) {
      throw new AppError(401, 'INVALID_CREDENTIALS', 'The username or password is wrong.');
    }
    await this.limiter.succeeded(username, clientIp);
    return this.tokens.issue({
      userId: user.id,
      username: user.username,
      role: user.role,
      enterpriseId: user.enterprise_id,
      checkpointCode: user.checkpoint_code,
    });
  }
}
