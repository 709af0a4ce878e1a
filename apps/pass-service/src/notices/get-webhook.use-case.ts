import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { NoticesRepository } from './notices.repository';
import { ownEnterpriseId, webhookNotSet } from './own-webhook';
import { toWebhookView, type WebhookView } from './webhook.view';

/** The caller's enterprise's webhook, without its secret. */
@Injectable()
export class GetWebhookUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: NoticesRepository,
  ) {}

  async execute(user: AuthenticatedUser): Promise<WebhookView> {
    const row = await this.notices.findWebhook(this.dataSource.manager, ownEnterpriseId(user));
    if (!row) throw webhookNotSet();
    return toWebhookView(row);
  }
}
