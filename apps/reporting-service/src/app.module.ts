import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AuthModule, DisabledUserSource, DisabledUsersTable } from '@app/auth';
import { Topic } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { MessagingModule } from '@app/messaging';
import { PlatformModule } from '@app/platform';
import { REPORTING_GROUP_ID, type ReportingServiceConfig } from './config/reporting-service.config';
import { ReportsConfigModule } from './config/reports-config.module';
import { buildReportingServiceDataSource } from './database/reporting-service.data-source';
import { ReportsModule } from './reports/reports.module';
import { UserAccessModule } from './user-access/user-access.module';

@Module({})
export class AppModule {
  static register(config: ReportingServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: config.serviceName,
          logLevel: config.logLevel,
          metricsToken: config.metrics.token,
        }),
        DatabaseModule.forRoot({
          dataSource: buildReportingServiceDataSource(config),
          runMigrations: config.database.runMigrations,
        }),
        MessagingModule.forRoot({
          brokers: config.kafka.brokers,
          serviceName: config.serviceName,
          groupId: REPORTING_GROUP_ID,
          topics: [
            { topic: Topic.Pass, partitions: config.kafka.partitions },
            { topic: Topic.Checkpoint, partitions: config.kafka.partitions },
            { topic: Topic.User, partitions: config.kafka.partitions },
          ],
          relay: { enabled: false },
        }),
        AuthModule.forRoot(
          { jwksUrl: `${config.passServiceUrl}/.well-known/access-token-jwks.json` },
          { disabledUsers: { provide: DisabledUserSource, useClass: DisabledUsersTable } },
        ),
        ReportsConfigModule.forRoot(config.reports),
        // GET /v1/audit: rebuilds, the one change made here (by an operator at a command line).
        AuditModule,
        ReportsModule,
        UserAccessModule,
      ],
    };
  }
}
