import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { inScope, isDivisionScope } from '@app/domain';
import { DataSource } from 'typeorm';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import type { PassRecord } from './pass.record';

/**
 * Who may read a driver's phone number in full: the enterprise that applied, and an official
 * whose scope covers that enterprise's division. Everyone else, the admin included, sees it
 * masked (least privilege: no admin task needs it); lists, exports and printouts mask it always.
 */
export function mayReadDriverPhone(
  user: AuthenticatedUser,
  pass: Pick<PassRecord, 'enterpriseId'>,
  enterpriseDivision: string | undefined,
): boolean {
  switch (user.role) {
    case 'enterprise':
      return user.enterpriseId !== null && user.enterpriseId === pass.enterpriseId;
    case 'official':
      return (
        enterpriseDivision !== undefined &&
        // A scope this service does not know covers nothing.
        (user.divisionScope === null || isDivisionScope(user.divisionScope)) &&
        inScope(user.divisionScope, enterpriseDivision)
      );
    case 'admin':
    case 'officer':
      return false;
  }
}

@Injectable()
export class DriverPhoneAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enterprises: EnterprisesRepository,
  ) {}

  /** Whether GET /v1/passes/:id shows this user the pass's driver phone in full. */
  async showsInFull(user: AuthenticatedUser, pass: PassRecord): Promise<boolean> {
    if (user.role !== 'official') return mayReadDriverPhone(user, pass, undefined);
    // Cached by the repository: an enterprise's division never changes.
    const enterprise = await this.enterprises.findById(this.dataSource.manager, pass.enterpriseId);
    return mayReadDriverPhone(user, pass, enterprise?.divisionCode);
  }
}
