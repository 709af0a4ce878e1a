import { Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { passNotFound } from '../passes/pass-not-found';
import { PassesRepository } from '../passes/passes.repository';
import { PassSharesRepository } from './pass-shares.repository';

/**
 * The owning enterprise takes the driver's link back: it stops working when this commits. Safe to
 * repeat: withdrawing a pass that has no link changes nothing and records nothing.
 */
@Injectable()
export class WithdrawPassShareUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passes: PassesRepository,
    private readonly shares: PassSharesRepository,
    private readonly audit: AuditTrail,
  ) {}

  execute(user: AuthenticatedUser, passId: string): Promise<{ withdrawn: boolean }> {
    if (user.role !== 'enterprise' || !user.enterpriseId) throw passNotFound();
    return this.dataSource.transaction(async (manager) => {
      const pass = await this.passes.findVisible(manager, passId, user, true);
      if (!pass) throw passNotFound();
      const withdrawn = await this.shares.withdraw(manager, pass.id);
      if (withdrawn) {
        await this.audit.record(manager, {
          actor: actorOf(user),
          action: 'pass.share-withdrawn',
          target: { type: 'pass', id: pass.id },
          divisionCode: pass.issuingDivision,
          details: { passNumber: pass.passNumber },
        });
      }
      return { withdrawn };
    });
  }
}
