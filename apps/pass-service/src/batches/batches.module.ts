import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { PassesModule } from '../passes/passes.module';
import { ApplyBatchUseCase } from './apply-batch.use-case';
import { BatchTemplate } from './batch-template';
import { BatchesController } from './batches.controller';
import { BatchesRepository } from './batches.repository';
import { GetBatchUseCase } from './get-batch.use-case';

/**
 * Batch applications from a spreadsheet (POST /v1/passes/batches and its result). Rows go
 * through PassesModule's IssuePassUseCase, so a row obeys exactly the rules of one application.
 * The upload itself is parsed by @fastify/multipart, registered by createServiceApp with
 * `uploadFileBytes: MAX_BATCH_FILE_BYTES` (main.ts).
 */
@Module({
  imports: [EnterprisesModule, PassesModule],
  controllers: [BatchesController],
  providers: [BatchesRepository, ApplyBatchUseCase, GetBatchUseCase, BatchTemplate],
})
export class BatchesModule {}
