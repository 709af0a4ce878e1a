import { Inject, Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import { DisabledUsers, type AuthenticatedUser } from '@app/auth';
import { createEvent, UserAccessChangedV1 } from '@app/contracts';
import { OutboxWriter } from '@app/messaging';
import { AppError } from '@app/platform';
import { DataSource } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { RefreshTokens } from './refresh-tokens';
import { toUserView, userNotFound, type UserView } from './user.view';
import { UsersRepository } from './users.repository';

const actorDisabled = () =>
  new AppError(401, 'ACCOUNT_DISABLED', 'This account has been disabled; ask an administrator.');

const stateConflict = (state: 'disabled' | 'enabled') =>
  AppError.conflict('USER_STATE_CONFLICT', `This user is already ${state}.`).withParams({ state });

export interface AccessChange {
  disable: boolean;
  reason: string | null;
}

/**
 * What disabling and enabling an account share. In one transaction: the row, the end of every
 * session of the user (disabling), `user.access-changed` in the outbox and the audit entry.
 * The event tells verify-service and reporting-service, which refuse the user's access tokens
 * once they have applied it; every pass-service replica reads the users table every few seconds,
 * and this one at once.
 */
@Injectable()
export class UserAccessChanger {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokens,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
    private readonly disabledUsers: DisabledUsers,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {}

  async change(
    admin: AuthenticatedUser,
    id: string,
    { disable, reason }: AccessChange,
  ): Promise<UserView> {
    const view = await this.dataSource.transaction(async (manager) => {
      // The admin's own row too: two admins disabling each other at once would otherwise leave
      // nobody to enable either. Whoever locks second finds themself disabled.
      const locked = await this.users.lockByIds(manager, [id, admin.userId]);
      const user = locked.find((u) => u.id === id);
      if (!user) throw userNotFound();
      if (locked.find((u) => u.id === admin.userId)?.disabledAt) throw actorDisabled();
      if ((user.disabledAt !== null) === disable)
        throw stateConflict(disable ? 'disabled' : 'enabled');
      const { user: changed, changedAt } = await this.users.setDisabled(
        manager,
        id,
        disable ? reason : null,
      );
      const sessionsEnded = disable ? await this.refreshTokens.endFamiliesOf(manager, id) : 0;
      await this.outbox.append(manager, [
        createEvent(
          UserAccessChangedV1,
          { userId: id, disabled: disable, at: changedAt.toISOString() },
          { producer: this.config.serviceName, key: id },
        ),
      ]);
      await this.audit.record(manager, {
        actor: actorOf(admin),
        action: disable ? 'user.disabled' : 'user.enabled',
        target: { type: 'user', id },
        divisionCode: null,
        reason,
        details: disable ? { role: changed.role, sessionsEnded } : { role: changed.role },
      });
      return toUserView(changed);
    });
    // Committed: this replica refuses (or accepts again) the user's tokens from now on.
    await this.disabledUsers.refresh();
    return view;
  }
}
