import { Module } from '@nestjs/common';
import { UserEventsConsumer } from './user-events.consumer';

/** Keeps the disabled users that AuthModule's guard refuses (see DisabledUsersTable). */
@Module({ controllers: [UserEventsConsumer] })
export class UserAccessModule {}
