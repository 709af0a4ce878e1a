import { Module, type DynamicModule } from '@nestjs/common';
import { EventProducer } from './event-producer';
import { KafkaConnection } from './kafka-connection';
import { KafkaEventServer } from './kafka-event.server';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging-options';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox-writer';
import { TopicReplay } from './topic-replay';
import { TopicSetup } from './topic-setup';

/**
 * Everything Kafka for one service: topics, the producer, the outbox (writer and relay) and the
 * batch consumer. Needs the DatabaseModule's DataSource. Connect the consumer in main.ts with
 * `app.connectMicroservice({ strategy: app.get(KafkaEventServer) })`.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        KafkaConnection,
        TopicSetup,
        EventProducer,
        OutboxWriter,
        OutboxRelay,
        KafkaEventServer,
        TopicReplay,
      ],
      exports: [
        KafkaConnection,
        EventProducer,
        OutboxWriter,
        OutboxRelay,
        KafkaEventServer,
        TopicReplay,
      ],
    };
  }
}
