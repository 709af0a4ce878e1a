import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { Topic } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { MessagingModule } from '@app/messaging';
import { PlatformModule } from '@app/platform';
import type { VerifyServiceConfig } from './config/verify-service.config';
import { buildVerifyServiceDataSource } from './database/verify-service.data-source';

@Module({})
export class AppModule {
  static register(config: VerifyServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: config.serviceName, logLevel: config.logLevel }),
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
          ],
          relay: { enabled: true },
        }),
        AuthModule.forRoot({
          jwksUrl: `${config.passServiceUrl}/.well-known/access-token-jwks.json`,
        }),
      ],
    };
  }
}
