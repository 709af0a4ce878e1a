import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import { PassIssuer } from './pass-issuer';
import { passNotFound, stateConflict } from './pass-not-found';
import type { PassRecord } from './pass.record';
import { PassesRepository } from './passes.repository';

/** An official's decision on a pass waiting for review; the row is locked so two officials cannot both decide. */
@Injectable()
export class ReviewPassUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passes: PassesRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly issuer: PassIssuer,
  ) {}

  approve(official: AuthenticatedUser, id: string): Promise<PassRecord> {
    return this.dataSource.transaction(async (manager) => {
      const pass = await this.passes.findVisible(manager, id, official, true);
      if (!pass) throw passNotFound();
      if (pass.status !== 'pending_review') throw stateConflict('approved', pass.status);
      const enterprise = await this.enterprises.findById(manager, pass.enterpriseId);
      if (!enterprise) throw new Error(`pass ${id} has no enterprise`);
      const issuance = await this.issuer.sign(manager, pass, enterprise);
      const issued = await this.passes.markIssued(manager, id, official.userId, issuance);
      await this.issuer.announce(manager, [{ pass: issued, enterprise }]);
      return issued;
    });
  }

  reject(official: AuthenticatedUser, id: string, reason: string): Promise<PassRecord> {
    return this.dataSource.transaction(async (manager) => {
      const pass = await this.passes.findVisible(manager, id, official, true);
      if (!pass) throw passNotFound();
      if (pass.status !== 'pending_review') throw stateConflict('rejected', pass.status);
      return this.passes.markRejected(manager, id, official.userId, reason);
    });
  }
}
