import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PeriodicTask } from '@app/platform';
import { DataSource } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { NoticesRepository, type DeliveryOutcome } from './notices.repository';
import { WebhookAddressPolicy } from './webhook-address';
import { WebhookSecretBox } from './webhook-secret-box';
import { sendDelivery } from './webhook-sender';

/** Deliveries one replica sends at a time. */
const BATCH = 16;
/** The longest wait between two attempts. */
const MAX_BACKOFF_MS = 3_600_000;
const HOUSEKEEPING_MS = 3_600_000;
const NOTICE_RETENTION_HOURS = 48;
const DELIVERY_RETENTION_DAYS = 30;

/** The wait before attempt `attempt + 1`: base, 2×base, 4×base…, capped. */
export function backoffMs(baseMs: number, attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Sends the due webhook deliveries, on every replica: each claims its own rows (see
 * NoticesRepository.claimDue), so no delivery is sent by two at once. A failed attempt is
 * retried with exponential backoff until the attempts are spent; then it is `failed`.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('WebhookDispatcher');
  private readonly policy: WebhookAddressPolicy;
  private readonly box: WebhookSecretBox;
  private readonly dispatching = new PeriodicTask(
    'webhook dispatch',
    () => this.dispatchDue(),
    this.log,
  );
  private readonly housekeeping = new PeriodicTask('pruning notices', () => this.prune(), this.log);

  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: NoticesRepository,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {
    this.policy = new WebhookAddressPolicy(config.webhooks.allowedNetworks);
    this.box = new WebhookSecretBox(config.keyEncryptionSecret);
  }

  onApplicationBootstrap(): void {
    this.dispatching.start(this.config.webhooks.pollIntervalMs);
    this.housekeeping.start(HOUSEKEEPING_MS);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.dispatching.stop(), this.housekeeping.stop()]);
  }

  private async dispatchDue(): Promise<void> {
    const { maxAttempts, retryBaseMs, timeoutMs } = this.config.webhooks;
    const manager = this.dataSource.manager;
    // The lease outlasts an attempt's deadline, so the row is not taken again while in flight.
    const claimed = await this.notices.claimDue(manager, BATCH, timeoutMs * 2 + 5_000);
    if (claimed.length === 0) return;
    const webhooks = new Map(
      (
        await this.notices.webhooksOf(manager, [...new Set(claimed.map((d) => d.enterpriseId))])
      ).map((w) => [w.enterpriseId, w]),
    );
    await Promise.all(
      claimed.map(async (delivery) => {
        const webhook = webhooks.get(delivery.enterpriseId);
        let outcome: DeliveryOutcome;
        if (!webhook) {
          outcome = {
            url: null,
            statusCode: null,
            error: 'webhook removed',
            excerpt: null,
            delivered: false,
          };
        } else {
          const secret = this.box.open(webhook.secretEncrypted, webhook.enterpriseId);
          const result = await sendDelivery(webhook.url, secret, delivery, this.policy, timeoutMs);
          outcome = {
            ...result,
            url: webhook.url,
            retryInMs:
              result.delivered || delivery.attempts >= maxAttempts
                ? undefined
                : backoffMs(retryBaseMs, delivery.attempts),
          };
        }
        await this.notices.recordOutcome(manager, delivery.id, delivery.attempts, outcome);
      }),
    );
  }

  private async prune(): Promise<void> {
    await this.notices.pruneNotices(this.dataSource.manager, NOTICE_RETENTION_HOURS);
    await this.notices.pruneDeliveries(this.dataSource.manager, DELIVERY_RETENTION_DAYS);
  }
}
