import { Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import type { CreateUserBody } from './identity.schemas';
import { PasswordHasher } from './password-hasher';
import { toUserView, userNotFound, type UserView } from './user.view';
import { UsersRepository } from './users.repository';

/** Staff accounts (official, officer, admin), created by an admin. */
@Injectable()
export class CreateUserUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditTrail,
  ) {}

  async execute(admin: AuthenticatedUser, body: CreateUserBody): Promise<UserView> {
    const passwordHash = await this.hasher.hash(body.password);
    return this.dataSource.transaction(async (manager) => {
      const id = await this.users.insert(manager, {
        username: body.username,
        passwordHash,
        role: body.role,
        enterpriseId: null,
        checkpointCode: body.checkpointCode ?? null,
        divisionScope: body.divisionScope ?? null,
      });
      const user = await this.users.findById(manager, id);
      if (!user) throw userNotFound();
      await this.audit.record(manager, {
        actor: actorOf(admin),
        action: 'user.created',
        target: { type: 'user', id },
        divisionCode: null,
        details: {
          role: user.role,
          checkpointCode: user.checkpointCode,
          divisionScope: user.divisionScope,
        },
      });
      return toUserView(user);
    });
  }
}
