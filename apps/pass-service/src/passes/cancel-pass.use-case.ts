import { Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { AppError } from '@app/platform';
import { DataSource } from 'typeorm';
import { passNotFound, stateConflict } from './pass-not-found';
import type { PassRecord } from './pass.record';
import { PassesRepository } from './passes.repository';

/**
 * POST /v1/passes/:id/cancel: an enterprise withdraws its own application while it waits for
 * review (pending_review → cancelled). The row is locked FOR UPDATE, as an official's approval
 * or rejection locks it, so of a cancel and a decision sent together exactly one applies and the
 * other answers 409. Nothing was issued, so no event is written: verify-service and
 * reporting-service never heard of the application.
 */
@Injectable()
export class CancelPassUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passes: PassesRepository,
    private readonly audit: AuditTrail,
  ) {}

  execute(user: AuthenticatedUser, id: string): Promise<PassRecord> {
    if (user.role !== 'enterprise' || !user.enterpriseId)
      throw new AppError(403, 'FORBIDDEN', 'Only an enterprise cancels its applications.');
    return this.dataSource.transaction(async (manager) => {
      const pass = await this.passes.findVisible(manager, id, user, true);
      if (!pass) throw passNotFound();
      if (pass.status !== 'pending_review') throw stateConflict('cancelled', pass.status);
      const cancelled = await this.passes.markCancelled(manager, id);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'pass.cancelled',
        target: { type: 'pass', id },
        divisionCode: pass.issuingDivision,
        details: { plate: pass.plate },
      });
      return cancelled;
    });
  }
}
