import { Inject, Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { AppError } from '@app/platform';
import { DataSource } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import { NoticesRepository } from './notices.repository';
import { ownEnterpriseId } from './own-webhook';
import { WebhookAddressPolicy } from './webhook-address';
import { WebhookSecretBox } from './webhook-secret-box';
import { toWebhookView, type WebhookView } from './webhook.view';
import type { SetWebhookBody } from './webhook.schemas';

/**
 * Sets (or replaces) the caller's enterprise's webhook. The URL's host must resolve to public
 * addresses only, unless the configuration allows a network; the secret is kept encrypted and
 * never shown again.
 */
@Injectable()
export class SetWebhookUseCase {
  private readonly policy: WebhookAddressPolicy;
  private readonly box: WebhookSecretBox;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: NoticesRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly audit: AuditTrail,
    @Inject(PASS_SERVICE_CONFIG) config: PassServiceConfig,
  ) {
    this.policy = new WebhookAddressPolicy(config.webhooks.allowedNetworks);
    this.box = new WebhookSecretBox(config.keyEncryptionSecret);
  }

  async execute(user: AuthenticatedUser, body: SetWebhookBody): Promise<WebhookView> {
    const enterpriseId = ownEnterpriseId(user);
    const host = new URL(body.url).hostname;
    let verdict: 'allowed' | 'forbidden';
    try {
      verdict = (await this.policy.resolve(host)).verdict;
    } catch {
      throw AppError.badRequest(
        'WEBHOOK_URL_UNRESOLVABLE',
        `The host ${host} could not be resolved.`,
      );
    }
    if (verdict !== 'allowed') {
      throw AppError.badRequest(
        'WEBHOOK_URL_FORBIDDEN',
        'The URL points to a private, loopback or link-local address; webhooks go to public addresses only.',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const enterprise = await this.enterprises.findById(manager, enterpriseId);
      if (!enterprise)
        throw new Error(`enterprise ${enterpriseId} of user ${user.userId} is missing`);
      const row = await this.notices.upsertWebhook(
        manager,
        enterpriseId,
        body.url,
        this.box.seal(body.secret, enterpriseId),
        user.userId,
      );
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'enterprise.webhook-set',
        target: { type: 'enterprise', id: enterpriseId },
        divisionCode: enterprise.divisionCode,
        details: { host },
      });
      return toWebhookView(row);
    });
  }
}
