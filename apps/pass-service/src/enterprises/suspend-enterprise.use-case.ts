import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { AppError } from '@app/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { PassRevoker } from '../passes/pass-revoker';
import { PassesRepository } from '../passes/passes.repository';
import { EnterpriseDecisions, type Decision } from './enterprise-decisions';
import type { SuspendEnterpriseBody } from './enterprise.schemas';
import type { EnterpriseDetails } from './enterprises.repository';

const SUSPEND: Decision = {
  from: ['active'],
  to: 'suspended',
  action: 'enterprise.suspended',
  verb: 'suspended',
};

/**
 * The most passes one suspension revokes. Each costs a row update, an outbox event and an audit
 * entry in the one transaction that also holds the enterprise's lock (which stops its issuing),
 * so the work is bounded; an enterprise with more live passes is suspended without revoking, and
 * its passes are revoked in smaller steps.
 */
export const MAX_PASSES_REVOKED_PER_SUSPENSION = 5_000;
/** Passes locked and revoked at a time, so memory stays bounded too. */
const REVOKE_CHUNK = 500;

export interface EnterpriseSuspension {
  enterprise: EnterpriseDetails;
  /** Its applications that were waiting for review, now rejected with the reason. */
  applicationsRefused: number;
  /** Its issued, unexpired passes revoked with the reason (0 unless revokePasses). */
  passesRevoked: number;
}

/**
 * active → suspended, with a reason. Always: its applications waiting for review are rejected
 * and it cannot apply (403 ENTERPRISE_NOT_ACTIVE) until reinstated. With `revokePasses`, in the
 * same transaction, each of its issued passes that has not expired is revoked with the reason
 * (pass.revoked to the checkpoints, an audit entry each). The enterprise's row is locked first:
 * an issuing batch or an approval holding it FOR SHARE commits before, and its passes are then
 * revoked here; one that comes after sees the suspension and issues nothing.
 */
@Injectable()
export class SuspendEnterpriseUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly decisions: EnterpriseDecisions,
    private readonly passes: PassesRepository,
    private readonly revoker: PassRevoker,
  ) {}

  execute(
    user: AuthenticatedUser,
    id: string,
    body: SuspendEnterpriseBody,
  ): Promise<EnterpriseSuspension> {
    return this.dataSource.transaction(async (manager) => {
      const enterprise = await this.decisions.lock(manager, user, id, SUSPEND);
      const applicationsRefused = await this.decisions.refusePendingApplications(
        manager,
        user,
        enterprise,
        body.reason,
      );
      const passesRevoked = body.revokePasses
        ? await this.revokeLivePasses(manager, user, enterprise, body.reason)
        : 0;
      const suspended = await this.decisions.record(
        manager,
        user,
        enterprise,
        SUSPEND,
        body.reason,
        { revokePasses: body.revokePasses, applicationsRefused, passesRevoked },
      );
      return { enterprise: suspended, applicationsRefused, passesRevoked };
    });
  }

  private async revokeLivePasses(
    manager: EntityManager,
    user: AuthenticatedUser,
    enterprise: EnterpriseDetails,
    reason: string,
  ): Promise<number> {
    const live = await this.passes.countLiveIssuedOf(manager, enterprise.id);
    if (live > MAX_PASSES_REVOKED_PER_SUSPENSION) {
      throw AppError.conflict(
        'TOO_MANY_PASSES_TO_REVOKE',
        `The enterprise has ${live} live passes, more than one suspension revokes ` +
          `(${MAX_PASSES_REVOKED_PER_SUSPENSION}); suspend it without revoking, then revoke its passes.`,
      ).withParams({ live, max: MAX_PASSES_REVOKED_PER_SUSPENSION });
    }
    let revoked = 0;
    // No new pass of it can be issued while its row is locked, so this ends. A chunk can come
    // back short when a pass in it was revoked concurrently, hence "until none are left".
    for (;;) {
      const chunk = await this.passes.lockLiveIssuedOf(manager, enterprise.id, REVOKE_CHUNK);
      if (chunk.length === 0) return revoked;
      await this.revoker.revoke(manager, user, enterprise, chunk, reason);
      revoked += chunk.length;
    }
  }
}
