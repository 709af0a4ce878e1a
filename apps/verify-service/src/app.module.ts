import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AccessTokenKeys, AuthModule, DisabledUserSource, DisabledUsersTable } from '@app/auth';
import { Topic } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { MessagingModule } from '@app/messaging';
import { PlatformModule } from '@app/platform';
import { StoredAccessTokenKeys } from './access-tokens/stored-access-token-keys';
import { CheckpointsModule } from './checkpoints/checkpoints.module';
import { VerifyConfigModule } from './config/verify-config.module';
import type { VerifyServiceConfig } from './config/verify-service.config';
import { AfterCommitModule } from './database/after-commit.module';
import { buildVerifyServiceDataSource } from './database/verify-service.data-source';
import { PassEventsModule } from './pass-events/pass-events.module';
import { ScanRetentionModule } from './retention/scan-retention.module';
import { RevocationsModule } from './revocations/revocations.module';
import { TrustedKeysModule } from './trusted-keys/trusted-keys.module';
import { UserAccessModule } from './user-access/user-access.module';
import { VerificationsModule } from './verifications/verifications.module';

@Module({})
export class AppModule {
  static register(config: VerifyServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: config.serviceName,
          logLevel: config.logLevel,
          metricsToken: config.metrics.token,
          // A broker outage does not stop scanning: the events wait in the outbox.
          readyWithoutKafka: true,
        }),
        DatabaseModule.forRoot({
          dataSource: buildVerifyServiceDataSource(config),
          runMigrations: config.database.runMigrations,
        }),
        MessagingModule.forRoot({
          brokers: config.kafka.brokers,
          serviceName: config.serviceName,
          groupId: 'verify-service',
          topics: [
            { topic: Topic.Pass, partitions: config.kafka.partitions },
            { topic: Topic.Checkpoint, partitions: config.kafka.partitions },
            { topic: Topic.User, partitions: config.kafka.partitions },
          ],
          relay: { enabled: true },
          // Revocations are few and urgent: a fetch waits at most 20 ms for company.
          consumer: { maxFetchWaitMs: 20 },
        }),
        AuthModule.forRoot(
          { provider: { provide: AccessTokenKeys, useClass: StoredAccessTokenKeys } },
          { disabledUsers: { provide: DisabledUserSource, useClass: DisabledUsersTable } },
        ),
        VerifyConfigModule.forRoot({
          ...config.verify,
          serviceName: config.serviceName,
          passServiceUrl: config.passServiceUrl,
        }),
        AuditModule,
        AfterCommitModule,
        CheckpointsModule,
        TrustedKeysModule,
        RevocationsModule,
        PassEventsModule,
        UserAccessModule,
        VerificationsModule,
        ScanRetentionModule,
      ],
    };
  }
}
