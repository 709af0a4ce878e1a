import { Injectable } from '@nestjs/common';
import { DisabledUserSource } from '@app/auth';
import { DataSource } from 'typeorm';
import { UsersRepository } from './users.repository';

/** pass-service owns the users: its guard reads the disabled ones from its own table. */
@Injectable()
export class UsersDisabledSource extends DisabledUserSource {
  // Stateless; built here because the guard's module (AuthModule) sees only global providers.
  private readonly users = new UsersRepository();

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  disabledUserIds(): Promise<string[]> {
    return this.users.disabledIds(this.dataSource.manager);
  }
}
