import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { EnterpriseDecisions, type Decision } from './enterprise-decisions';
import type { EnterpriseDetails } from './enterprises.repository';

const REINSTATE: Decision = {
  from: ['suspended'],
  to: 'active',
  action: 'enterprise.reinstated',
  verb: 'reinstated',
};

/** suspended → active. Passes revoked by the suspension stay revoked: the enterprise applies again. */
@Injectable()
export class ReinstateEnterpriseUseCase {
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
      const enterprise = await this.decisions.lock(manager, user, id, REINSTATE);
      return this.decisions.record(manager, user, enterprise, REINSTATE, reason ?? null);
    });
  }
}
