import { Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { PassRejections } from '../notices/pass-rejections';
import { passNotFound, stateConflict } from './pass-not-found';
import type { PassRecord } from './pass.record';
import { PassesRepository } from './passes.repository';

/**
 * An official refuses a pass waiting for review, with a reason, within their jurisdiction (any
 * other pass is not found); the row is locked so two officials cannot both decide.
 */
@Injectable()
export class RejectPassUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passes: PassesRepository,
    private readonly audit: AuditTrail,
    private readonly rejections: PassRejections,
  ) {}

  execute(official: AuthenticatedUser, id: string, reason: string): Promise<PassRecord> {
    return this.dataSource.transaction(async (manager) => {
      const pass = await this.passes.findVisible(manager, id, official, true);
      if (!pass) throw passNotFound();
      if (pass.status !== 'pending_review') throw stateConflict('rejected', pass.status);
      const rejected = await this.passes.markRejected(manager, id, official.userId, reason);
      await this.rejections.announce(manager, official, [rejected], reason);
      await this.audit.record(manager, {
        actor: actorOf(official),
        action: 'pass.rejected',
        target: { type: 'pass', id },
        divisionCode: pass.issuingDivision,
        reason,
        details: { plate: pass.plate },
      });
      return rejected;
    });
  }
}
