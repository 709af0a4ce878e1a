import { Module } from '@nestjs/common';
import { PassesModule } from '../passes/passes.module';
import { ApproveEnterpriseUseCase } from './approve-enterprise.use-case';
import { EnterpriseDecisions } from './enterprise-decisions';
import { EnterpriseReviewController } from './enterprise-review.controller';
import { EnterprisesModule } from './enterprises.module';
import { GetEnterpriseUseCase } from './get-enterprise.use-case';
import { ListEnterprisesUseCase } from './list-enterprises.use-case';
import { ReinstateEnterpriseUseCase } from './reinstate-enterprise.use-case';
import { RejectEnterpriseUseCase } from './reject-enterprise.use-case';
import { SuspendEnterpriseUseCase } from './suspend-enterprise.use-case';

/**
 * Onboarding decisions, apart from EnterprisesModule because a suspension revokes passes: this
 * module needs PassesModule, which itself needs EnterprisesModule.
 */
@Module({
  imports: [EnterprisesModule, PassesModule],
  controllers: [EnterpriseReviewController],
  providers: [
    EnterpriseDecisions,
    ListEnterprisesUseCase,
    GetEnterpriseUseCase,
    ApproveEnterpriseUseCase,
    RejectEnterpriseUseCase,
    SuspendEnterpriseUseCase,
    ReinstateEnterpriseUseCase,
  ],
})
export class EnterpriseReviewModule {}
