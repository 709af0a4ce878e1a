import { Module } from '@nestjs/common';
import { RevocationsModule } from '../revocations/revocations.module';
import { TrustedKeysModule } from '../trusted-keys/trusted-keys.module';
import { PassEventsConsumer } from './pass-events.consumer';

@Module({
  imports: [RevocationsModule, TrustedKeysModule],
  controllers: [PassEventsConsumer],
})
export class PassEventsModule {}
