import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { Clock } from '@app/platform';
import { DataSource } from 'typeorm';
import { passNotFound } from '../passes/pass-not-found';
import { PassesRepository } from '../passes/passes.repository';
import { PassSharesRepository } from './pass-shares.repository';
import { shareNotFound } from './share-errors';

export interface ShareState {
  createdAt: Date;
  expiresAt: Date;
  /** False once the pass has expired: the link opens nothing any more. */
  active: boolean;
}

/** Whether the pass has a link for its driver, for the portal (the link itself cannot be shown again). */
@Injectable()
export class DescribePassShareUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passes: PassesRepository,
    private readonly shares: PassSharesRepository,
    private readonly clock: Clock,
  ) {}

  async execute(user: AuthenticatedUser, passId: string): Promise<ShareState> {
    if (user.role !== 'enterprise' || !user.enterpriseId) throw passNotFound();
    const manager = this.dataSource.manager;
    const pass = await this.passes.findVisible(manager, passId, user);
    if (!pass) throw passNotFound();
    const share = await this.shares.findForPass(manager, pass.id);
    if (!share) throw shareNotFound();
    return {
      createdAt: share.createdAt,
      expiresAt: pass.validUntil,
      active: pass.validUntil > this.clock.now(),
    };
  }
}
