import { Module } from '@nestjs/common';
import { RevocationList } from './revocation-list';
import { RevocationsController } from './revocations.controller';
import { RevocationsRepository } from './revocations.repository';

@Module({
  controllers: [RevocationsController],
  providers: [RevocationsRepository, RevocationList],
  exports: [RevocationList],
})
export class RevocationsModule {}
