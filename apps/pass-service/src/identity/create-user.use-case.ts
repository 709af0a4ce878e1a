import { Injectable } from '@nestjs/common';
import type { Role } from '@app/auth';
import { DataSource } from 'typeorm';
import type { CreateUserBody } from './identity.schemas';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

export interface UserView {
  id: string;
  username: string;
  role: Role;
  checkpointCode: string | null;
}

/** Staff accounts (official, officer, admin), created by an admin. */
@Injectable()
export class CreateUserUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(body: CreateUserBody): Promise<UserView> {
    const passwordHash = await this.hasher.hash(body.password);
    const checkpointCode = body.checkpointCode ?? null;
    const id = await this.users.insert(this.dataSource.manager, {
      username: body.username,
      passwordHash,
      role: body.role,
      enterpriseId: null,
      checkpointCode,
    });
    return { id, username: body.username, role: body.role, checkpointCode };
  }
}
