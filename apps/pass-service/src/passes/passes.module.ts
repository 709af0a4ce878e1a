import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { PlateClaims } from '../vehicles/plate-claims';
import { CancelPassUseCase } from './cancel-pass.use-case';
import { DriverPhoneAccess } from './driver-phone';
import { IssuePassUseCase } from './issue-pass.use-case';
import { ListPassesUseCase } from './list-passes.use-case';
import { PassIssuer } from './pass-issuer';
import { PassIssueBatcher } from './pass-issue-batcher';
import { PassRevoker } from './pass-revoker';
import { PassesController } from './passes.controller';
import { PassesRepository } from './passes.repository';
import { RenewPassUseCase } from './renew-pass.use-case';
import { ReviewPassUseCase } from './review-pass.use-case';
import { RevokePassUseCase } from './revoke-pass.use-case';

@Module({
  imports: [EnterprisesModule],
  controllers: [PassesController],
  providers: [
    PassesRepository,
    PassIssuer,
    PassIssueBatcher,
    PlateClaims,
    IssuePassUseCase,
    ListPassesUseCase,
    ReviewPassUseCase,
    RevokePassUseCase,
    RenewPassUseCase,
    CancelPassUseCase,
    PassRevoker,
    DriverPhoneAccess,
  ],
  exports: [ListPassesUseCase, PassesRepository, PassRevoker, PassIssuer, IssuePassUseCase],
})
export class PassesModule {}
