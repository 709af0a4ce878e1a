import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { divisionPrefixOf } from '../shared/jurisdiction';
import type { ListEnterprisesQuery } from './enterprise.schemas';
import { EnterprisesRepository, type EnterpriseDetails } from './enterprises.repository';

export interface EnterprisePage {
  items: EnterpriseDetails[];
  /** Pass it as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** The review queue: officials see the enterprises of their jurisdiction, the admin all. */
@Injectable()
export class ListEnterprisesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enterprises: EnterprisesRepository,
  ) {}

  async execute(user: AuthenticatedUser, query: ListEnterprisesQuery): Promise<EnterprisePage> {
    const items = await this.enterprises.list(this.dataSource.manager, {
      status: query.status,
      divisionPrefix: divisionPrefixOf(user),
      beforeSeq: query.cursor,
      // One more than asked tells whether there is a next page without a count query.
      limit: query.limit + 1,
    });
    const page = items.slice(0, query.limit);
    const nextCursor = items.length > query.limit ? page[page.length - 1].seq : null;
    return { items: page, nextCursor };
  }
}
