import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { EnterpriseDecisions, type Decision } from './enterprise-decisions';
import type { EnterpriseDetails } from './enterprises.repository';

/**
 * pending_review → active; a rejected registration can be reconsidered the same way, since its
 * credit code stays taken. From then on its intra-province applications within the automatic
 * rules are issued at once; the ones already waiting stay in review.
 */
const APPROVE: Decision = {
  from: ['pending_review', 'rejected'],
  to: 'active',
  action: 'enterprise.approved',
  verb: 'approved',
};

@Injectable()
export class ApproveEnterpriseUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly decisions: EnterpriseDecisions,
  ) {}

  execute(
    user: AuthenticatedUser,
    id: string,
    reason: string | undefined,
  ): Promise<EnterpriseDetails> {
    return this.dataSource.transaction(async (manager) => {
      const enterprise = await this.decisions.lock(manager, user, id, APPROVE);
      return this.decisions.record(manager, user, enterprise, APPROVE, reason ?? null);
    });
  }
}
