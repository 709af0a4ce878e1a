import { Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { AppError } from '@app/platform';
import { DataSource } from 'typeorm';
import type { ChangePasswordBody } from './identity.schemas';
import { LoginRateLimiter } from './login-rate-limiter';
import { PasswordHasher } from './password-hasher';
import { RefreshTokens } from './refresh-tokens';
import { accountDisabled } from './user.view';
import { UsersRepository } from './users.repository';

/** Not a 401: the pages read a 401 as "signed out", and this user is still signed in. */
const wrongCurrentPassword = () =>
  AppError.badRequest('CURRENT_PASSWORD_WRONG', 'The current password is wrong.');

/**
 * A user changes their own password. The current one is checked under the login limits (a
 * stolen access token must not become a way to guess it). Every other session of the user ends;
 * the caller's own is kept when its refresh token is sent along.
 */
@Injectable()
export class ChangePasswordUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginRateLimiter,
    private readonly refreshTokens: RefreshTokens,
    private readonly audit: AuditTrail,
  ) {}

  async execute(
    caller: AuthenticatedUser,
    body: ChangePasswordBody,
    clientIp: string | undefined,
  ): Promise<void> {
    const user = await this.users.findById(this.dataSource.manager, caller.userId);
    if (!user) throw new AppError(401, 'UNAUTHENTICATED', 'This account no longer exists.');
    await this.limiter.admit(user.username, clientIp);
    if (!(await this.hasher.verify(user.passwordHash, body.currentPassword)))
      throw wrongCurrentPassword();
    await this.limiter.succeeded(user.username, clientIp);
    const passwordHash = await this.hasher.hash(body.newPassword);
    await this.dataSource.transaction(async (manager) => {
      const current = await this.users.findById(manager, user.id, 'update');
      if (!current) throw new AppError(401, 'UNAUTHENTICATED', 'This account no longer exists.');
      if (current.disabledAt) throw accountDisabled();
      // Changed (or reset) since it was checked: the password given is no longer the current one.
      if (current.passwordHash !== user.passwordHash) throw wrongCurrentPassword();
      await this.users.setPasswordHash(manager, user.id, passwordHash);
      const kept = body.refreshToken
        ? await this.refreshTokens.find(manager, body.refreshToken)
        : undefined;
      const sessionsEnded = await this.refreshTokens.endFamiliesOf(
        manager,
        user.id,
        kept?.userId === user.id ? kept.familyId : undefined,
      );
      await this.audit.record(manager, {
        actor: actorOf(caller),
        action: 'user.password-changed',
        target: { type: 'user', id: user.id },
        divisionCode: null,
        details: { sessionsEnded },
      });
    });
  }
}
