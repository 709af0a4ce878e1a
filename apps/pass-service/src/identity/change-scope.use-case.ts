import { Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { AppError } from '@app/platform';
import { DataSource } from 'typeorm';
import { toUserView, userNotFound, type UserView } from './user.view';
import { UsersRepository } from './users.repository';

/**
 * The admin sets an official's jurisdiction (null: nationwide). The scope travels in the access
 * token, so it applies from the official's next refresh or login, at most one access-token
 * lifetime (ACCESS_TOKEN_TTL_SECONDS) later; their sessions are not ended.
 */
@Injectable()
export class ChangeScopeUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly audit: AuditTrail,
  ) {}

  execute(admin: AuthenticatedUser, id: string, divisionScope: string | null): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.findById(manager, id, 'update');
      if (!user) throw userNotFound();
      if (user.role !== 'official') {
        throw AppError.badRequest(
          'DIVISION_SCOPE_INVALID',
          'Only an official has a division scope.',
        );
      }
      const changed = await this.users.setDivisionScope(manager, id, divisionScope);
      await this.audit.record(manager, {
        actor: actorOf(admin),
        action: 'user.scope-changed',
        target: { type: 'user', id },
        divisionCode: null,
        details: { from: user.divisionScope, to: divisionScope },
      });
      return toUserView(changed);
    });
  }
}
