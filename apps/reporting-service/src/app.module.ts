import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { Topic } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { MessagingModule } from '@app/messaging';
import { PlatformModule } from '@app/platform';
import type { ReportingServiceConfig } from './config/reporting-service.config';
import { buildReportingServiceDataSource } from './database/reporting-service.data-source';

@Module({})
export class AppModule {
  static register(config: ReportingServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: config.serviceName, logLevel: config.logLevel }),
        DatabaseModule.forRoot({
          dataSource: buildReportingServiceDataSource(config),
          runMigrations: config.database.runMigrations,
        }),
        MessagingModule.forRoot({
          brokers: config.kafka.brokers,
          serviceName: config.serviceName,
          groupId: 'reporting-service',
          topics: [
            { topic: Topic.Pass, partitions: config.kafka.partitions },
            { topic: Topic.Checkpoint, partitions: config.kafka.partitions },
          ],
          relay: { enabled: false },
        }),
        AuthModule.forRoot({
          jwksUrl: `${config.passServiceUrl}/.well-known/access-token-jwks.json`,
        }),
      ],
    };
  }
}
