import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { divisionPrefixOf } from '../shared/jurisdiction';
import type { VehicleRecord } from './vehicle.record';
import type { ListVehiclesQuery } from './vehicle.schemas';
import { VehiclesRepository } from './vehicles.repository';

export interface VehiclePage {
  items: VehicleRecord[];
  /** Pass it as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/**
 * GET /v1/vehicles: an enterprise sees only its own vehicles; an official those of enterprises
 * in their scope; the admin all of them.
 */
@Injectable()
export class ListVehiclesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vehicles: VehiclesRepository,
  ) {}

  async execute(user: AuthenticatedUser, query: ListVehiclesQuery): Promise<VehiclePage> {
    let enterpriseId = query.enterpriseId;
    if (user.role === 'enterprise') {
      // Another enterprise's vehicles are simply not there, as if there were none.
      const own = user.enterpriseId;
      if (!own || (enterpriseId && enterpriseId !== own)) return { items: [], nextCursor: null };
      enterpriseId = own;
    }
    const items = await this.vehicles.list(this.dataSource.manager, {
      enterpriseId,
      divisionPrefix: divisionPrefixOf(user),
      plate: query.plate,
      beforeSeq: query.cursor,
      // One more than asked tells whether there is a next page without a count query.
      limit: query.limit + 1,
    });
    const page = items.slice(0, query.limit);
    const nextCursor = items.length > query.limit ? page[page.length - 1].seq : null;
    return { items: page, nextCursor };
  }
}
