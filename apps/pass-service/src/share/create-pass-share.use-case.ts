import { Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { Clock } from '@app/platform';
import { DataSource } from 'typeorm';
import { passNotFound } from '../passes/pass-not-found';
import { PassesRepository } from '../passes/passes.repository';
import { notShareable } from './share-errors';
import { PassSharesRepository } from './pass-shares.repository';
import { hashShareSecret, newShareSecret } from './share-secret';

export interface CreatedShare {
  /** Shown once: only its hash is stored, so it can never be read back. */
  secret: string;
  expiresAt: Date;
  createdAt: Date;
  /** Whether an earlier link of this pass was replaced (and so stopped working). */
  replaced: boolean;
}

/**
 * The owning enterprise makes a link for its driver's phone. One link per pass: making another
 * replaces the first in the same transaction, so a link sent to the wrong person is undone by
 * sharing again (or by withdrawing it). The link lives as long as the pass is valid.
 */
@Injectable()
export class CreatePassShareUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passes: PassesRepository,
    private readonly shares: PassSharesRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  execute(user: AuthenticatedUser, passId: string): Promise<CreatedShare> {
    // Only the enterprise the pass belongs to; to anyone else the pass does not exist.
    if (user.role !== 'enterprise' || !user.enterpriseId) throw passNotFound();
    return this.dataSource.transaction(async (manager) => {
      // Locked, so a revocation cannot slip between the check and the link.
      const pass = await this.passes.findVisible(manager, passId, user, true);
      if (!pass) throw passNotFound();
      if (pass.status !== 'issued' || !pass.passNumber) throw notShareable(`is ${pass.status}`);
      if (pass.validUntil <= this.clock.now()) throw notShareable('has expired');
      const secret = newShareSecret();
      const share = await this.shares.replace(
        manager,
        pass.id,
        hashShareSecret(secret),
        user.userId,
      );
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'pass.share-created',
        target: { type: 'pass', id: pass.id },
        divisionCode: pass.issuingDivision,
        details: { passNumber: pass.passNumber, replaced: share.replaced },
      });
      return {
        secret,
        expiresAt: pass.validUntil,
        createdAt: share.createdAt,
        replaced: share.replaced,
      };
    });
  }
}
