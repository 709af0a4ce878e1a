import { envelopeSchema, type EventDefinition, type EventOf } from './envelope';
import { CheckpointScannedV1 } from './events/checkpoint-scanned.v1';
import { PassIssuedV1 } from './events/pass-issued.v1';
import { PassRejectedV1 } from './events/pass-rejected.v1';
import { PassRevokedV1 } from './events/pass-revoked.v1';
import { SigningKeyActivatedV1 } from './events/signing-key-activated.v1';
import { UserAccessChangedV1 } from './events/user-access-changed.v1';
import { Topic } from './topics';

/** Which events travel on which topic; the single source for both types and runtime checks. */
export const EVENTS_BY_TOPIC = {
  [Topic.Pass]: [PassIssuedV1, PassRevokedV1, SigningKeyActivatedV1, PassRejectedV1],
  [Topic.Checkpoint]: [CheckpointScannedV1],
  [Topic.User]: [UserAccessChangedV1],
} as const;

export type EventTopic = keyof typeof EVENTS_BY_TOPIC;
export type TopicEvent<T extends EventTopic> = EventOf<(typeof EVENTS_BY_TOPIC)[T][number]>;
export type AnyEvent = TopicEvent<EventTopic>;

export type ParseResult<T> = { ok: true; event: T } | { ok: false; error: string };

/** Validates a raw message value against the envelope and the event's own versioned schema. */
export function parseTopicEvent<T extends EventTopic>(
  topic: T,
  raw: unknown,
): ParseResult<TopicEvent<T>> {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, error: `envelope: ${envelope.error.message}` };
  const definitions: readonly EventDefinition<string, unknown>[] = EVENTS_BY_TOPIC[topic];
  const definition = definitions.find(
    (d) => d.type === envelope.data.type && d.version === envelope.data.version,
  );
  if (!definition) {
    return {
      ok: false,
      error: `unknown event ${envelope.data.type} v${envelope.data.version} on ${topic}`,
    };
  }
  const data = definition.data.safeParse(envelope.data.data);
  if (!data.success) return { ok: false, error: `${envelope.data.type}: ${data.error.message}` };
  return { ok: true, event: { ...envelope.data, data: data.data } as TopicEvent<T> };
}

export function isEventTopic(topic: string): topic is EventTopic {
  return Object.prototype.hasOwnProperty.call(EVENTS_BY_TOPIC, topic);
}

const TOPIC_BY_EVENT_TYPE = new Map<string, EventTopic>(
  Object.entries(EVENTS_BY_TOPIC).flatMap(([topic, definitions]) =>
    definitions.map((d) => [d.type, topic as EventTopic] as const),
  ),
);

/** Whether the type is one of the events defined on the topic. */
export function isTypeOfTopic(topic: EventTopic, type: string): boolean {
  return TOPIC_BY_EVENT_TYPE.get(type) === topic;
}

/** The topic an event type travels on; each type has exactly one. */
export function topicOf(event: { type: string }): EventTopic {
  const topic = TOPIC_BY_EVENT_TYPE.get(event.type);
  if (!topic) throw new Error(`No topic is defined for event type '${event.type}'`);
  return topic;
}
