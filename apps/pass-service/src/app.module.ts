import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { Topic } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { MessagingModule } from '@app/messaging';
import { PlatformModule } from '@app/platform';
import type { PassServiceConfig } from './config/pass-service.config';
import { buildPassServiceDataSource } from './database/pass-service.data-source';

@Module({})
export class AppModule {
  static register(config: PassServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: config.serviceName, logLevel: config.logLevel }),
        DatabaseModule.forRoot({
          dataSource: buildPassServiceDataSource(config),
          runMigrations: config.database.runMigrations,
        }),
        MessagingModule.forRoot({
          brokers: config.kafka.brokers,
          serviceName: config.serviceName,
          groupId: undefined,
          topics: [{ topic: Topic.Pass, partitions: config.kafka.partitions }],
          relay: { enabled: true },
        }),
        AuthModule.forRoot({
          jwksUrl: `${config.passServiceUrl}/.well-known/access-token-jwks.json`,
        }),
      ],
    };
  }
}
