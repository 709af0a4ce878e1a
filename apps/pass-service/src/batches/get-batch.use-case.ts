import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { batchNotFound } from './batch-id.pipe';
import type { BatchRecord, BatchRowResult } from './batch.record';
import { BatchesRepository } from './batches.repository';

/** GET /v1/passes/batches/:id: the owning enterprise's batch; anyone else's is not found. */
@Injectable()
export class GetBatchUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchesRepository,
  ) {}

  async execute(
    user: AuthenticatedUser,
    id: string,
  ): Promise<{ batch: BatchRecord; rows: BatchRowResult[] }> {
    if (!user.enterpriseId) throw batchNotFound();
    const manager = this.dataSource.manager;
    const batch = await this.batches.findOwned(manager, id, user.enterpriseId);
    if (!batch) throw batchNotFound();
    return { batch, rows: await this.batches.rows(manager, id) };
  }
}
