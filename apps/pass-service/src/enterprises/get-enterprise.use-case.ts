import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { divisionPrefixOf } from '../shared/jurisdiction';
import { enterpriseNotFound } from './enterprise-errors';
import { EnterprisesRepository, type EnterpriseDetails } from './enterprises.repository';

/** An enterprise user sees its own enterprise (and its status); staff what lies in scope. */
@Injectable()
export class GetEnterpriseUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enterprises: EnterprisesRepository,
  ) {}

  async execute(user: AuthenticatedUser, id: string): Promise<EnterpriseDetails> {
    if (user.role === 'enterprise' && user.enterpriseId !== id) throw enterpriseNotFound();
    const enterprise = await this.enterprises.findDetails(
      this.dataSource.manager,
      id,
      divisionPrefixOf(user),
    );
    if (!enterprise) throw enterpriseNotFound();
    return enterprise;
  }
}
