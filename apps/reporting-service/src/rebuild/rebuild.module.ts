import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { Topic } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { MessagingModule } from '@app/messaging';
import { AggregatesModule } from '../aggregates/aggregates.module';
import type { ReportingServiceConfig } from '../config/reporting-service.config';
import { ReportsConfigModule } from '../config/reports-config.module';
import { buildReportingServiceDataSource } from '../database/reporting-service.data-source';
import { RebuildAggregatesUseCase } from './rebuild-aggregates.use-case';

/**
 * What the rebuild command needs: the database, Kafka without a live consumer, the aggregates and
 * the audit trail.
 */
@Module({})
export class RebuildModule {
  static register(config: ReportingServiceConfig): DynamicModule {
    return {
      module: RebuildModule,
      imports: [
        DatabaseModule.forRoot({
          dataSource: buildReportingServiceDataSource(config),
          runMigrations: true,
        }),
        MessagingModule.forRoot({
          brokers: config.kafka.brokers,
          serviceName: `${config.serviceName}-rebuild`,
          topics: [
            { topic: Topic.Pass, partitions: config.kafka.partitions },
            { topic: Topic.Checkpoint, partitions: config.kafka.partitions },
          ],
          relay: { enabled: false },
        }),
        ReportsConfigModule.forRoot(config.reports),
        AggregatesModule,
        AuditModule,
      ],
      providers: [RebuildAggregatesUseCase],
    };
  }
}
