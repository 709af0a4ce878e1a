import { Module } from '@nestjs/common';
import { EventArchive } from '../archive/event-archive';
import { AggregatesChanged } from './aggregates-changed';
import { AggregateWriter } from './aggregate-writer';
import { ReportEventsConsumer } from './report-events.consumer';

@Module({
  controllers: [ReportEventsConsumer],
  providers: [AggregateWriter, AggregatesChanged, EventArchive],
  exports: [AggregateWriter, AggregatesChanged, EventArchive],
})
export class AggregatesModule {}
