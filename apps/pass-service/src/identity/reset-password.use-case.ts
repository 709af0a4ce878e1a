import { Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { PasswordHasher } from './password-hasher';
import { RefreshTokens } from './refresh-tokens';
import { userNotFound } from './user.view';
import { UsersRepository } from './users.repository';

/**
 * The admin sets a user's password (a forgotten one, or a suspected leak): every session of the
 * user ends with it. Access tokens already issued run out on their own within their lifetime.
 */
@Injectable()
export class ResetPasswordUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly refreshTokens: RefreshTokens,
    private readonly audit: AuditTrail,
  ) {}

  async execute(admin: AuthenticatedUser, id: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    await this.dataSource.transaction(async (manager) => {
      const user = await this.users.findById(manager, id, 'update');
      if (!user) throw userNotFound();
      await this.users.setPasswordHash(manager, id, passwordHash);
      const sessionsEnded = await this.refreshTokens.endFamiliesOf(manager, id);
      await this.audit.record(manager, {
        actor: actorOf(admin),
        action: 'user.password-reset',
        target: { type: 'user', id },
        divisionCode: null,
        details: { role: user.role, sessionsEnded },
      });
    });
  }
}
