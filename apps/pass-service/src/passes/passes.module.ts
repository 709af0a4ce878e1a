import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { PlateClaims } from '../vehicles/plate-claims';
import { ApprovePassUseCase } from './approve-pass.use-case';
import { CancelPassUseCase } from './cancel-pass.use-case';
import { DriverPhoneAccess } from './driver-phone';
import { GetPassUseCase } from './get-pass.use-case';
import { IssuePassUseCase } from './issue-pass.use-case';
import { ListPassesUseCase } from './list-passes.use-case';
import { PassIssuer } from './pass-issuer';
import { PassIssueBatcher } from './pass-issue-batcher';
import { PassRevoker } from './pass-revoker';
import { PassesController } from './passes.controller';
import { PassesRepository } from './passes.repository';
import { RejectPassUseCase } from './reject-pass.use-case';
import { RenewPassUseCase } from './renew-pass.use-case';
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
    GetPassUseCase,
    ApprovePassUseCase,
    RejectPassUseCase,
    RevokePassUseCase,
    RenewPassUseCase,
    CancelPassUseCase,
    PassRevoker,
    DriverPhoneAccess,
  ],
  exports: [GetPassUseCase, PassesRepository, PassRevoker, PassIssuer, IssuePassUseCase],
})
export class PassesModule {}
