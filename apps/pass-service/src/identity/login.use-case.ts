import { Injectable } from '@nestjs/common';
import { AppError } from '@app/platform';
import { DataSource } from 'typeorm';
import type { LoginBody } from './identity.schemas';
import { LoginRateLimiter } from './login-rate-limiter';
import { PasswordHasher } from './password-hasher';
import { SessionIssuer, type SessionTokens } from './session-issuer';
import { accountDisabled } from './user.view';
import { UsersRepository } from './users.repository';

const invalidCredentials = () =>
  new AppError(401, 'INVALID_CREDENTIALS', 'The username or password is wrong.');

@Injectable()
export class LoginUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionIssuer,
    private readonly limiter: LoginRateLimiter,
  ) {}

  async execute(body: LoginBody, clientIp: string | undefined): Promise<SessionTokens> {
    const username = body.username.trim().toLowerCase();
    // Counted before the password is checked: a burst sent at once is cut at the limit.
    await this.limiter.admit(username, clientIp);
    const user = await this.users.findByUsername(this.dataSource.manager, username);
    // One answer for an unknown user and a wrong password, so usernames cannot be probed.
    if (!(await this.hasher.verify(user?.passwordHash, body.password)) || !user) {
      throw invalidCredentials();
    }
    // Said only to whoever knows the password: they learn nothing about which names exist, and
    // a disabled officer asks the admin instead of retrying into the rate limit.
    if (user.disabledAt) throw accountDisabled();
    await this.limiter.succeeded(username, clientIp);
    return this.dataSource.transaction(async (manager) => {
      // Under the row's lock, so a disable or a password reset committed since the check above
      // (which end every session) cannot miss this new one.
      const current = await this.users.findById(manager, user.id, 'share');
      if (!current || current.passwordHash !== user.passwordHash) throw invalidCredentials();
      if (current.disabledAt) throw accountDisabled();
      return this.sessions.start(manager, current);
    });
  }
}
