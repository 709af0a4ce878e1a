import { Inject, Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { createEvent, PassRevokedV1 } from '@app/contracts';
import { OutboxWriter } from '@app/messaging';
import type { EntityManager } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import type { EnterpriseRecord } from '../enterprises/enterprises.repository';
import type { PassRecord } from './pass.record';
import { PassesRepository } from './passes.repository';

/**
 * Revokes issued passes inside the caller's transaction: the row, pass.revoked in the outbox
 * and one audit entry each. Used by a single revocation, an enterprise's suspension and a plate
 * transfer, so every path tells verify-service and reporting-service the same way.
 */
@Injectable()
export class PassRevoker {
  constructor(
    private readonly passes: PassesRepository,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {}

  /** `passes` must be issued, locked by the caller, and belong to `enterprise`. */
  async revoke(
    manager: EntityManager,
    user: AuthenticatedUser,
    enterprise: EnterpriseRecord,
    passes: readonly PassRecord[],
    reason: string,
  ): Promise<PassRecord[]> {
    const revoked: PassRecord[] = [];
    for (const pass of passes) {
      if (pass.status !== 'issued' || !pass.passNumber)
        throw new Error(`pass ${pass.id} is ${pass.status}, not issued`);
      if (pass.enterpriseId !== enterprise.id)
        throw new Error(`pass ${pass.id} does not belong to enterprise ${enterprise.id}`);
      revoked.push(await this.passes.markRevoked(manager, pass.id, user, reason));
    }
    await this.outbox.append(
      manager,
      revoked.map((pass) =>
        createEvent(
          PassRevokedV1,
          {
            passId: pass.id,
            passNumber: pass.passNumber as string,
            reason,
            revokedByRole: user.role,
            enterpriseId: enterprise.id,
            enterpriseCreditCode: enterprise.creditCode,
            cargoCategory: pass.cargoCategory,
            tonnageKg: pass.tonnageKg,
            originDivision: pass.originDivision,
            destinationDivision: pass.destinationDivision,
            validUntil: pass.validUntil.toISOString(),
          },
          { producer: this.config.serviceName, key: pass.id },
        ),
      ),
    );
    await this.audit.record(
      manager,
      ...revoked.map((pass) => ({
        actor: actorOf(user),
        action: 'pass.revoked' as const,
        target: { type: 'pass' as const, id: pass.id },
        divisionCode: (pass.passNumber as string).slice(0, 6),
        reason,
        details: { passNumber: pass.passNumber, plate: pass.plate },
      })),
    );
    return revoked;
  }
}
