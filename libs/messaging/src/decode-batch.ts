import { isTypeOfTopic, parseTopicEvent, type AnyEvent, type EventTopic } from '@app/contracts';
import type { KafkaMessage } from 'kafkajs';

export interface Decoded {
  events: AnyEvent[];
  /** The message each event came in, to dead-letter it byte for byte. */
  messageOf: Map<string, KafkaMessage>;
  poison: { message: KafkaMessage; error: string }[];
}

/**
 * Parses and validates every message the handler takes (all, when `handled` is undefined);
 * duplicates within the batch collapse to one.
 */
export function decodeBatch(
  topic: EventTopic,
  messages: KafkaMessage[],
  handled: ReadonlySet<string> | undefined,
): Decoded {
  const events = new Map<string, AnyEvent>();
  const messageOf = new Map<string, KafkaMessage>();
  const poison: Decoded['poison'] = [];
  for (const message of messages) {
    let raw: unknown;
    try {
      raw = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch {
      poison.push({ message, error: 'value is not JSON' });
      continue;
    }
    if (handled && isPassedOver(topic, raw, handled)) continue;
    const parsed = parseTopicEvent(topic, raw);
    if (parsed.ok) {
      events.set(parsed.event.id, parsed.event);
      messageOf.set(parsed.event.id, message);
    } else {
      poison.push({ message, error: parsed.error });
    }
  }
  return { events: [...events.values()], messageOf, poison };
}

/** An event of the topic's own that the handler does not take; anything else is read (or poison). */
function isPassedOver(topic: EventTopic, raw: unknown, handled: ReadonlySet<string>): boolean {
  if (typeof raw !== 'object' || raw === null || !('type' in raw)) return false;
  return typeof raw.type === 'string' && !handled.has(raw.type) && isTypeOfTopic(topic, raw.type);
}
