import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AccessTokenKeys, AuthModule, DisabledUserSource } from '@app/auth';
import { Topic } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { MessagingModule } from '@app/messaging';
import { PlatformModule } from '@app/platform';
import { BatchesModule } from './batches/batches.module';
import { PassConfigModule } from './config/pass-config.module';
import type { PassServiceConfig } from './config/pass-service.config';
import { buildPassServiceDataSource } from './database/pass-service.data-source';
import { DivisionsModule } from './divisions/divisions.module';
import { EnterpriseReviewModule } from './enterprises/enterprise-review.module';
import { EnterprisesModule } from './enterprises/enterprises.module';
import { IdentityModule } from './identity/identity.module';
import { NoticesModule } from './notices/notices.module';
import { UsersDisabledSource } from './identity/users-disabled-source';
import { PassesModule } from './passes/passes.module';
import { QrModule } from './qr/qr.module';
import { ShareModule } from './share/share.module';
import { SigningKeysModule } from './signing-keys/signing-keys.module';
import { VehiclesModule } from './vehicles/vehicles.module';
import { StoreAccessTokenKeys } from './signing-keys/store-access-token-keys';

@Module({})
export class AppModule {
  static register(config: PassServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: config.serviceName,
          logLevel: config.logLevel,
          metricsToken: config.metrics.token,
          // A broker outage does not stop issuing: the events wait in the outbox.
          readyWithoutKafka: true,
        }),
        PassConfigModule.forRoot(config),
        DatabaseModule.forRoot({
          dataSource: buildPassServiceDataSource(config),
          runMigrations: config.database.runMigrations,
        }),
        MessagingModule.forRoot({
          brokers: config.kafka.brokers,
          serviceName: config.serviceName,
          // Its own topic, read back for the enterprises' status notices and webhooks.
          groupId: 'pass-service',
          topics: [
            { topic: Topic.Pass, partitions: config.kafka.partitions },
            { topic: Topic.User, partitions: config.kafka.partitions },
          ],
          relay: { enabled: true },
        }),
        // pass-service is the identity provider: its guard reads its own key store, not its own JWKS over HTTP.
        AuthModule.forRoot(
          { provider: { provide: AccessTokenKeys, useExisting: StoreAccessTokenKeys } },
          { disabledUsers: { provide: DisabledUserSource, useClass: UsersDisabledSource } },
        ),
        AuditModule,
        SigningKeysModule,
        IdentityModule,
        DivisionsModule,
        EnterprisesModule,
        EnterpriseReviewModule,
        PassesModule,
        BatchesModule,
        VehiclesModule,
        QrModule,
        NoticesModule,
        ShareModule,
      ],
    };
  }
}
