import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { divisionPrefixOf } from '../shared/jurisdiction';
import { PlateTransfersRepository } from './plate-transfers.repository';
import type { PlateTransferRecord } from './vehicle.record';
import type { ListTransfersQuery } from './vehicle.schemas';

export interface PlateTransferPage {
  items: PlateTransferRecord[];
  nextCursor: string | null;
}

/**
 * GET /v1/plate-transfers: an enterprise sees the transfers it asked for and those of its plates;
 * an official those asked for by enterprises in their scope; the admin all of them.
 */
@Injectable()
export class ListPlateTransfersUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transfers: PlateTransfersRepository,
  ) {}

  async execute(user: AuthenticatedUser, query: ListTransfersQuery): Promise<PlateTransferPage> {
    if (user.role === 'enterprise' && !user.enterpriseId) return { items: [], nextCursor: null };
    const items = await this.transfers.list(this.dataSource.manager, {
      enterpriseId: user.role === 'enterprise' ? (user.enterpriseId ?? undefined) : undefined,
      divisionPrefix: divisionPrefixOf(user),
      status: query.status,
      beforeSeq: query.cursor,
      limit: query.limit + 1,
    });
    const page = items.slice(0, query.limit);
    const nextCursor = items.length > query.limit ? page[page.length - 1].seq : null;
    return { items: page, nextCursor };
  }
}
