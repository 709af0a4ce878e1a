import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { IssuePassUseCase } from './issue-pass.use-case';
import { ListPassesUseCase } from './list-passes.use-case';
import { PassIssuer } from './pass-issuer';
import { PassIssueBatcher } from './pass-issue-batcher';
import { PassesController } from './passes.controller';
import { PassesRepository } from './passes.repository';
import { ReviewPassUseCase } from './review-pass.use-case';
import { RevokePassUseCase } from './revoke-pass.use-case';

@Module({
  imports: [EnterprisesModule],
  controllers: [PassesController],
  providers: [
    PassesRepository,
    PassIssuer,
    PassIssueBatcher,
    IssuePassUseCase,
    ListPassesUseCase,
    ReviewPassUseCase,
    RevokePassUseCase,
  ],
  exports: [ListPassesUseCase],
})
export class PassesModule {}
