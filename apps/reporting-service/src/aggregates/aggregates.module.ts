import { Module } from '@nestjs/common';
import { AggregatesChanged } from './aggregates-changed';
import { AggregateWriter } from './aggregate-writer';
import { ReportEventsConsumer } from './report-events.consumer';

@Module({
  controllers: [ReportEventsConsumer],
  providers: [AggregateWriter, AggregatesChanged],
  exports: [AggregateWriter, AggregatesChanged],
})
export class AggregatesModule {}
