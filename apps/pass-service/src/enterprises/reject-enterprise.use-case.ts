import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { EnterpriseDecisions, type Decision } from './enterprise-decisions';
import type { EnterpriseDetails } from './enterprises.repository';

const REJECT: Decision = {
  from: ['pending_review'],
  to: 'rejected',
  action: 'enterprise.rejected',
  verb: 'rejected',
};

export interface EnterpriseRejection {
  enterprise: EnterpriseDetails;
  /** Its applications that were waiting for review, now rejected with the same reason. */
  applicationsRefused: number;
}

/** pending_review → rejected, with a reason; its waiting applications can never be issued, so they are rejected too. */
@Injectable()
export class RejectEnterpriseUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly decisions: EnterpriseDecisions,
  ) {}

  execute(user: AuthenticatedUser, id: string, reason: string): Promise<EnterpriseRejection> {
    return this.dataSource.transaction(async (manager) => {
      const enterprise = await this.decisions.lock(manager, user, id, REJECT);
      const applicationsRefused = await this.decisions.refusePendingApplications(
        manager,
        user,
        enterprise,
        reason,
      );
      return {
        enterprise: await this.decisions.record(manager, user, enterprise, REJECT, reason, {
          applicationsRefused,
        }),
        applicationsRefused,
      };
    });
  }
}
