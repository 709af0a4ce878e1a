import { Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import { NoticesRepository } from './notices.repository';
import { ownEnterpriseId, webhookNotSet } from './own-webhook';

/** Removes the caller's enterprise's webhook: its changes are no longer delivered. */
@Injectable()
export class RemoveWebhookUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: NoticesRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly audit: AuditTrail,
  ) {}

  async execute(user: AuthenticatedUser): Promise<void> {
    const enterpriseId = ownEnterpriseId(user);
    await this.dataSource.transaction(async (manager) => {
      const enterprise = await this.enterprises.findById(manager, enterpriseId);
      if (!enterprise)
        throw new Error(`enterprise ${enterpriseId} of user ${user.userId} is missing`);
      if (!(await this.notices.deleteWebhook(manager, enterpriseId))) throw webhookNotSet();
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'enterprise.webhook-removed',
        target: { type: 'enterprise', id: enterpriseId },
        divisionCode: enterprise.divisionCode,
      });
    });
  }
}
