import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AccessTokenFromQueryMiddleware } from '@app/auth';
import { AggregatesModule } from '../aggregates/aggregates.module';
import {
  DailyQueryPipe,
  StreamQueryPipe,
  SummaryQueryPipe,
  TopQueryPipe,
} from './report-query.pipes';
import { ReportsController } from './reports.controller';
import { ReportsReader } from './reports.reader';
import { ReportsService } from './reports.service';

@Module({
  imports: [AggregatesModule],
  controllers: [ReportsController],
  providers: [
    ReportsReader,
    ReportsService,
    SummaryQueryPipe,
    DailyQueryPipe,
    TopQueryPipe,
    StreamQueryPipe,
  ],
  exports: [ReportsService],
})
export class ReportsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(AccessTokenFromQueryMiddleware)
      .forRoutes({ path: 'v1/reports/stream', method: RequestMethod.GET });
  }
}
