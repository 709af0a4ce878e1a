import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@app/platform';
import { DataSource } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { AccessTokenIssuer, type IssuedAccessToken } from './access-token.issuer';
import type { LoginBody } from './identity.schemas';
import { LoginRateLimiter } from './login-rate-limiter';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

@Injectable()
export class LoginUseCase {
  private readonly limiter: LoginRateLimiter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokenIssuer,
    @Inject(PASS_SERVICE_CONFIG) config: PassServiceConfig,
  ) {
    this.limiter = new LoginRateLimiter(config.login);
  }

  async execute(body: LoginBody, clientIp: string): Promise<IssuedAccessToken> {
    const username = body.username.trim().toLowerCase();
    if (this.limiter.isBlocked(username, clientIp)) {
      throw new AppError(
        429,
        'LOGIN_RATE_LIMITED',
        'Too many failed logins; wait a few minutes before trying again.',
      );
    }
    const user = await this.users.findByUsername(this.dataSource.manager, username);
    // One answer for an unknown user and a wrong password, so usernames cannot be probed.
    if (!(await this.hasher.verify(user?.password_hash, body.password)) || !user) {
      this.limiter.recordFailure(username, clientIp);
      throw new AppError(401, 'INVALID_CREDENTIALS', 'The username or password is wrong.');
    }
    this.limiter.recordSuccess(username);
    return this.tokens.issue({
      userId: user.id,
      username: user.username,
      role: user.role,
      enterpriseId: user.enterprise_id,
      checkpointCode: user.checkpoint_code,
    });
  }
}
