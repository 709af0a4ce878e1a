import { Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { AppError } from '@app/platform';
import { DataSource } from 'typeorm';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import { PassIssuer } from './pass-issuer';
import { passNotFound, stateConflict } from './pass-not-found';
import type { PassRecord } from './pass.record';
import { PassesRepository } from './passes.repository';

/**
 * An official issues a pass waiting for review, within their jurisdiction (any other pass is not
 * found); the row is locked so two officials cannot both decide.
 *
 * Only for an active enterprise. Its row is held FOR SHARE before the pass is locked, in the
 * order a suspension takes them (enterprise, then its passes): the two cannot deadlock, and a
 * suspension either waits for this approval (and then revokes the pass) or is seen by it.
 */
@Injectable()
export class ApprovePassUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passes: PassesRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly issuer: PassIssuer,
    private readonly audit: AuditTrail,
  ) {}

  execute(official: AuthenticatedUser, id: string): Promise<PassRecord> {
    return this.dataSource.transaction(async (manager) => {
      const seen = await this.passes.findVisible(manager, id, official);
      if (!seen) throw passNotFound();
      const enterprise = await this.enterprises.findDetails(
        manager,
        seen.enterpriseId,
        undefined,
        'share',
      );
      if (!enterprise) throw new Error(`pass ${id} has no enterprise`);
      const pass = await this.passes.findVisible(manager, id, official, true);
      if (!pass) throw passNotFound();
      if (pass.status !== 'pending_review') throw stateConflict('approved', pass.status);
      if (enterprise.status !== 'active') {
        throw AppError.conflict(
          'ENTERPRISE_NOT_ACTIVE',
          `The enterprise is ${enterprise.status}: its applications can be approved only once it is active.`,
        ).withParams({ status: enterprise.status });
      }
      // A transfer rejects the holder's waiting applications; one that waited from before plates
      // were registered may still name a plate another enterprise holds now.
      const holder = await this.passes.plateHolder(manager, pass.plate);
      if (holder !== undefined && holder !== pass.enterpriseId) {
        throw AppError.conflict(
          'PLATE_HELD_BY_OTHER',
          'The plate of this application is now registered to another enterprise; reject the application.',
        );
      }
      const issuance = await this.issuer.sign(manager, pass, enterprise);
      const issued = await this.passes.markIssued(manager, id, official.userId, issuance);
      await this.issuer.announce(manager, [{ pass: issued, enterprise }]);
      await this.audit.record(manager, {
        actor: actorOf(official),
        action: 'pass.approved',
        target: { type: 'pass', id },
        divisionCode: enterprise.divisionCode,
        details: { passNumber: issuance.passNumber, plate: pass.plate },
      });
      return issued;
    });
  }
}
