import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Topic } from '@app/contracts';
import { KafkaConnection } from './kafka-connection';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging-options';

/**
 * Creates the service's topics before anything subscribes or publishes. A broker that is down at
 * start-up is not fatal: the outbox holds events and the consumer connects when it can.
 */
@Injectable()
export class TopicSetup implements OnModuleInit {
  private readonly logger = new Logger('Kafka');

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly connection: KafkaConnection,
  ) {}

  async onModuleInit(): Promise<void> {
    const specs = [...this.options.topics];
    if (!specs.some((s) => s.topic === Topic.DeadLetter))
      specs.push({ topic: Topic.DeadLetter, partitions: 1 });
    try {
      await this.connection.ensureTopics(specs);
    } catch (error) {
      this.logger.error(
        `could not ensure topics (${specs.map((s) => s.topic).join(', ')}): ${String(error)}`,
      );
    }
  }
}
