import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ListUsersQuery } from './identity.schemas';
import type { z } from 'zod';
import { toUserView, type userPageSchema } from './user.view';
import { UsersRepository } from './users.repository';

export type UserPage = z.infer<typeof userPageSchema>;

/** Every account, enterprises' included, in username order, for the admin. */
@Injectable()
export class ListUsersUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
  ) {}

  async execute(query: ListUsersQuery): Promise<UserPage> {
    const rows = await this.users.list(this.dataSource.manager, {
      role: query.role,
      disabled: query.disabled,
      after: query.cursor,
      // One more than asked tells whether there is a next page without a count query.
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const nextCursor = rows.length > query.limit ? page[page.length - 1].username : null;
    return { items: page.map(toUserView), nextCursor };
  }
}
