import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { AppError } from '@app/platform';
import { DataSource } from 'typeorm';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import { passNotFound, stateConflict } from './pass-not-found';
import { PassRevoker } from './pass-revoker';
import type { PassRecord } from './pass.record';
import { PassesRepository } from './passes.repository';

/** Revocation by an official, an admin or the owning enterprise, with pass.revoked in the same transaction. */
@Injectable()
export class RevokePassUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passes: PassesRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly revoker: PassRevoker,
  ) {}

  execute(user: AuthenticatedUser, id: string, reason: string): Promise<PassRecord> {
    if (user.role === 'officer')
      throw new AppError(403, 'FORBIDDEN', 'Officers cannot revoke passes.');
    return this.dataSource.transaction(async (manager) => {
      const pass = await this.passes.findVisible(manager, id, user, true);
      if (!pass) throw passNotFound();
      // Only an issued pass has a number and a token to revoke; one under review is rejected instead.
      if (pass.status !== 'issued' || !pass.passNumber) throw stateConflict('revoked', pass.status);
      const enterprise = await this.enterprises.findById(manager, pass.enterpriseId);
      if (!enterprise) throw new Error(`pass ${id} has no enterprise`);
      const [revoked] = await this.revoker.revoke(manager, user, enterprise, [pass], reason);
      return revoked;
    });
  }
}
