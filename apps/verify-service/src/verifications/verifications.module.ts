import { Module } from '@nestjs/common';
import { CheckpointsModule } from '../checkpoints/checkpoints.module';
import { RevocationsModule } from '../revocations/revocations.module';
import { TrustedKeysModule } from '../trusted-keys/trusted-keys.module';
import { CloneDetector } from './clone-detector';
import { ListVerificationsUseCase } from './list-verifications.use-case';
import { ScanWriter } from './scan-writer';
import { ScansRepository } from './scans.repository';
import { VerificationsController } from './verifications.controller';
import { VerifyPassUseCase } from './verify-pass.use-case';

@Module({
  imports: [CheckpointsModule, TrustedKeysModule, RevocationsModule],
  controllers: [VerificationsController],
  providers: [
    VerifyPassUseCase,
    ListVerificationsUseCase,
    ScanWriter,
    ScansRepository,
    CloneDetector,
  ],
})
export class VerificationsModule {}
