import { Injectable } from '@nestjs/common';
import { actorOf, AuditTrail, type AuditAction } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import type { EntityManager } from 'typeorm';
import { PassRejections } from '../notices/pass-rejections';
import { PassesRepository } from '../passes/passes.repository';
import { divisionPrefixOf } from '../shared/jurisdiction';
import { enterpriseNotFound, enterpriseStateConflict } from './enterprise-errors';
import {
  EnterprisesRepository,
  type EnterpriseDetails,
  type EnterpriseStatus,
} from './enterprises.repository';

export interface Decision {
  /** The statuses the decision applies to; any other is 409 ENTERPRISE_STATE_CONFLICT. */
  from: readonly EnterpriseStatus[];
  to: EnterpriseStatus;
  action: Extract<
    AuditAction,
    'enterprise.approved' | 'enterprise.rejected' | 'enterprise.suspended' | 'enterprise.reinstated'
  >;
  /** Past participle for the conflict message ("cannot be approved"). */
  verb: string;
}

/**
 * The steps every decision on an enterprise shares, on the caller's transaction: find and lock
 * the row within the decider's jurisdiction, check the transition, record it with its audit
 * entry; and refuse the applications still waiting for review when the enterprise can no
 * longer have them issued.
 */
@Injectable()
export class EnterpriseDecisions {
  constructor(
    private readonly enterprises: EnterprisesRepository,
    private readonly passes: PassesRepository,
    private readonly audit: AuditTrail,
    private readonly rejections: PassRejections,
  ) {}

  /**
   * Locks the enterprise FOR UPDATE: issuing batches and pass approvals hold it FOR SHARE, so
   * they finish before the decision, or see it. Out of the decider's scope is not found.
   */
  async lock(
    manager: EntityManager,
    user: AuthenticatedUser,
    id: string,
    decision: Decision,
  ): Promise<EnterpriseDetails> {
    const enterprise = await this.enterprises.findDetails(
      manager,
      id,
      divisionPrefixOf(user),
      'update',
    );
    if (!enterprise) throw enterpriseNotFound();
    if (!decision.from.includes(enterprise.status))
      throw enterpriseStateConflict(decision.verb, enterprise.status);
    return enterprise;
  }

  async record(
    manager: EntityManager,
    user: AuthenticatedUser,
    enterprise: EnterpriseDetails,
    decision: Decision,
    reason: string | null,
    details: Record<string, string | number | boolean | null> = {},
  ): Promise<EnterpriseDetails> {
    const decided = await this.enterprises.decide(
      manager,
      enterprise.id,
      decision.to,
      reason,
      user.userId,
    );
    await this.audit.record(manager, {
      actor: actorOf(user),
      action: decision.action,
      target: { type: 'enterprise', id: enterprise.id },
      divisionCode: enterprise.divisionCode,
      reason,
      details: { creditCode: enterprise.creditCode, from: enterprise.status, ...details },
    });
    return decided;
  }

  /** Rejects the enterprise's applications waiting for review, each with its own audit entry. */
  async refusePendingApplications(
    manager: EntityManager,
    user: AuthenticatedUser,
    enterprise: EnterpriseDetails,
    reason: string,
  ): Promise<number> {
    const refused = await this.passes.rejectPendingOf(manager, enterprise.id, user.userId, reason);
    await this.rejections.announce(
      manager,
      user,
      refused.map((pass) => ({ ...pass, enterpriseId: enterprise.id })),
      reason,
    );
    await this.audit.record(
      manager,
      ...refused.map((pass) => ({
        actor: actorOf(user),
        action: 'pass.rejected' as const,
        target: { type: 'pass' as const, id: pass.id },
        divisionCode: enterprise.divisionCode,
        reason,
        details: { plate: pass.plate },
      })),
    );
    return refused.length;
  }
}
