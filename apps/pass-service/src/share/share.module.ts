import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { PassesModule } from '../passes/passes.module';
import { QrModule } from '../qr/qr.module';
import { CreatePassShareUseCase } from './create-pass-share.use-case';
import { DescribePassShareUseCase } from './describe-pass-share.use-case';
import { OpenSharedPassUseCase } from './open-shared-pass.use-case';
import { PassSharesRepository } from './pass-shares.repository';
import { PassShareController, SharedPassesController } from './share.controller';
import { WithdrawPassShareUseCase } from './withdraw-pass-share.use-case';

/** A pass on the driver's phone: links made and withdrawn by the enterprise, opened by anyone holding one. */
@Module({
  imports: [PassesModule, EnterprisesModule, QrModule],
  controllers: [PassShareController, SharedPassesController],
  providers: [
    PassSharesRepository,
    CreatePassShareUseCase,
    WithdrawPassShareUseCase,
    DescribePassShareUseCase,
    OpenSharedPassUseCase,
  ],
})
export class ShareModule {}
