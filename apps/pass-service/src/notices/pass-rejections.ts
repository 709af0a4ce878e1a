import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { createEvent, PassRejectedV1 } from '@app/contracts';
import { OutboxWriter } from '@app/messaging';
import type { EntityManager } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';

export interface RejectedApplication {
  id: string;
  enterpriseId: string;
  plate: string;
}

/**
 * Writes pass.rejected to the outbox, in the caller's transaction, for applications it has just
 * refused: every path that rejects (a review, an enterprise's rejection or suspension, a plate
 * transfer) tells the enterprise's notices and webhooks the same way.
 */
@Injectable()
export class PassRejections {
  constructor(
    private readonly outbox: OutboxWriter,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {}

  async announce(
    manager: EntityManager,
    user: AuthenticatedUser,
    applications: readonly RejectedApplication[],
    reason: string,
  ): Promise<void> {
    const rejectedByRole = user.role === 'admin' ? 'admin' : 'official';
    await this.outbox.append(
      manager,
      applications.map((pass) =>
        createEvent(
          PassRejectedV1,
          {
            passId: pass.id,
            enterpriseId: pass.enterpriseId,
            plate: pass.plate,
            reason,
            rejectedByRole,
          },
          { producer: this.config.serviceName, key: pass.id },
        ),
      ),
    );
  }
}
