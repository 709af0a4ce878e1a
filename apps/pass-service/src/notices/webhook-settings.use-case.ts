import { Inject, Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { AppError } from '@app/platform';
import { DataSource } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import { toDeliveryView } from './notice.record';
import { NoticesRepository, type WebhookRow } from './notices.repository';
import { WebhookAddressPolicy } from './webhook-address';
import { WebhookSecretBox } from './webhook-secret-box';
import type { ListDeliveriesQuery, SetWebhookBody } from './webhook.schemas';

export interface WebhookView {
  url: string;
  /** Changes from this instant on are delivered. */
  createdAt: string;
  updatedAt: string;
}

const toView = (row: WebhookRow): WebhookView => ({
  url: row.url,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const notSet = () =>
  AppError.notFound('WEBHOOK_NOT_FOUND', 'No webhook is set for this enterprise.');

/**
 * An enterprise's own webhook (the route has no id: it is always the caller's enterprise). The
 * URL's host must resolve to public addresses only, unless the configuration allows a network;
 * the secret is kept encrypted and never shown again.
 */
@Injectable()
export class WebhookSettingsUseCase {
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

  async set(user: AuthenticatedUser, body: SetWebhookBody): Promise<WebhookView> {
    const enterpriseId = ownEnterprise(user);
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
      return toView(row);
    });
  }

  async get(user: AuthenticatedUser): Promise<WebhookView> {
    const row = await this.notices.findWebhook(this.dataSource.manager, ownEnterprise(user));
    if (!row) throw notSet();
    return toView(row);
  }

  async remove(user: AuthenticatedUser): Promise<void> {
    const enterpriseId = ownEnterprise(user);
    await this.dataSource.transaction(async (manager) => {
      const enterprise = await this.enterprises.findById(manager, enterpriseId);
      if (!enterprise)
        throw new Error(`enterprise ${enterpriseId} of user ${user.userId} is missing`);
      if (!(await this.notices.deleteWebhook(manager, enterpriseId))) throw notSet();
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'enterprise.webhook-removed',
        target: { type: 'enterprise', id: enterpriseId },
        divisionCode: enterprise.divisionCode,
      });
    });
  }

  /** The enterprise's own deliveries, newest first; another enterprise's are never there. */
  async deliveries(user: AuthenticatedUser, query: ListDeliveriesQuery) {
    const rows = await this.notices.listDeliveries(
      this.dataSource.manager,
      ownEnterprise(user),
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

function ownEnterprise(user: AuthenticatedUser): string {
  if (!user.enterpriseId) throw new Error(`enterprise user ${user.userId} has no enterprise`);
  return user.enterpriseId;
}
