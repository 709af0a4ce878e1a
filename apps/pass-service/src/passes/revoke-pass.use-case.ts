import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { createEvent, PassRevokedV1 } from '@app/contracts';
import { OutboxWriter } from '@app/messaging';
import { AppError } from '@app/platform';
import { DataSource } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import { passNotFound, stateConflict } from './pass-not-found';
import type { PassRecord } from './pass.record';
import { PassesRepository } from './passes.repository';

/** Revocation by an official, an admin or the owning enterprise, with pass.revoked in the same transaction. */
@Injectable()
export class RevokePassUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passes: PassesRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly outbox: OutboxWriter,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {}

  execute(user: AuthenticatedUser, id: string, reason: string): Promise<PassRecord> {
    const revokedByRole = user.role;
    if (revokedByRole === 'officer')
      throw new AppError(403, 'FORBIDDEN', 'Officers cannot revoke passes.');
    return this.dataSource.transaction(async (manager) => {
      const pass = await this.passes.findVisible(manager, id, user, true);
      if (!pass) throw passNotFound();
      // Only an issued pass has a number and a token to revoke; one under review is rejected instead.
      if (pass.status !== 'issued' || !pass.passNumber) throw stateConflict('revoked', pass.status);
      const enterprise = await this.enterprises.findById(manager, pass.enterpriseId);
      if (!enterprise) throw new Error(`pass ${id} has no enterprise`);
      const revoked = await this.passes.markRevoked(manager, id, user, reason);
      await this.outbox.append(manager, [
        createEvent(
          PassRevokedV1,
          {
            passId: pass.id,
            passNumber: pass.passNumber,
            reason,
            revokedByRole,
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
      ]);
      return revoked;
    });
  }
}
