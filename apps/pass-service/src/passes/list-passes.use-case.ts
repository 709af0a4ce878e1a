import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { divisionPrefixOf } from '../shared/jurisdiction';
import type { ListPassesQuery } from './list-passes.query';
import type { PassRecord } from './pass.record';
import { PassesRepository, scopeOf } from './passes.repository';

export interface PassPage {
  items: PassRecord[];
  /** Pass it as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

@Injectable()
export class ListPassesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passes: PassesRepository,
  ) {}

  async execute(user: AuthenticatedUser, query: ListPassesQuery): Promise<PassPage> {
    const scope = scopeOf(user);
    // An enterprise asking for another enterprise's passes sees none, as if there were none.
    if (scope && query.enterpriseId && query.enterpriseId !== scope)
      return { items: [], nextCursor: null };
    const items = await this.passes.list(this.dataSource.manager, {
      status: query.status,
      plate: query.plate,
      enterpriseId: scope ?? query.enterpriseId,
      // An official sees the passes issued in their jurisdiction only, whatever else they ask.
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
