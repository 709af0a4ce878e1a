import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { toDeliveryView } from './notice.record';
import { NoticesRepository } from './notices.repository';
import { ownEnterpriseId } from './own-webhook';
import type { ListDeliveriesQuery } from './webhook.schemas';

/** The enterprise's own deliveries, newest first; another enterprise's are never there. */
@Injectable()
export class ListWebhookDeliveriesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: NoticesRepository,
  ) {}

  async execute(user: AuthenticatedUser, query: ListDeliveriesQuery) {
    const rows = await this.notices.listDeliveries(
      this.dataSource.manager,
      ownEnterpriseId(user),
      query.cursor,
      query.limit + 1,
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(toDeliveryView),
      nextCursor: rows.length > query.limit ? page[page.length - 1].seq : null,
    };
  }
}
