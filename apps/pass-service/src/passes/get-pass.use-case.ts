import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { passNotFound } from './pass-not-found';
import type { PassRecord } from './pass.record';
import { PassesRepository } from './passes.repository';

/** One pass the caller may see; any other is not found. */
@Injectable()
export class GetPassUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passes: PassesRepository,
  ) {}

  async execute(user: AuthenticatedUser, id: string): Promise<PassRecord> {
    const pass = await this.passes.findVisible(this.dataSource.manager, id, user);
    if (!pass) throw passNotFound();
    return pass;
  }
}
