import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Topic, type TopicEvent } from '@app/contracts';
import { HandleEvents, type EventBatchContext } from '@app/messaging';
import { AggregatesChanged } from './aggregates-changed';
import { AggregateWriter } from './aggregate-writer';

/**
 * Both topics feed the aggregates. Each batch arrives validated and without already-processed
 * events, inside the transaction that records them as processed, so applying through
 * `context.manager` counts every event exactly once.
 */
@Controller()
export class ReportEventsConsumer {
  constructor(
    private readonly writer: AggregateWriter,
    private readonly changed: AggregatesChanged,
  ) {}

  @HandleEvents(Topic.Pass)
  async handlePassEvents(
    @Payload() events: TopicEvent<Topic.Pass>[],
    @Ctx() context: EventBatchContext,
  ): Promise<void> {
    await this.writer.applyLive(context.manager, events, context);
    this.changed.markChanged(context.manager);
  }

  @HandleEvents(Topic.Checkpoint)
  async handleCheckpointEvents(
    @Payload() events: TopicEvent<Topic.Checkpoint>[],
    @Ctx() context: EventBatchContext,
  ): Promise<void> {
    await this.writer.applyLive(context.manager, events, context);
    this.changed.markChanged(context.manager);
  }
}
