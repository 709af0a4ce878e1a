import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isoInstant } from './fields';
import type { Topic } from './topics';

/** The wire envelope every event travels in; `id` is the idempotency key, `key` the aggregate id. */
export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1).max(100),
  version: z.number().int().positive(),
  occurredAt: isoInstant,
  producer: z.string().min(1).max(100),
  key: z.string().min(1).max(200),
  correlationId: z.string().max(200).nullable(),
  data: z.unknown(),
});

export type Envelope<Type extends string = string, Data = unknown> = Omit<
  z.infer<typeof envelopeSchema>,
  'type' | 'data'
> & { type: Type; data: Data };

/** One versioned event type: its name, version, topic and the runtime schema of its data. */
export interface EventDefinition<Type extends string, Data> {
  readonly type: Type;
  readonly version: number;
  readonly topic: Topic;
  readonly data: z.ZodType<Data>;
}

export function defineEvent<Type extends string, Data>(
  definition: EventDefinition<Type, Data>,
): EventDefinition<Type, Data> {
  return Object.freeze(definition);
}

export type EventOf<D> =
  D extends EventDefinition<infer Type, infer Data> ? Envelope<Type, Data> : never;

export interface EventMeta {
  producer: string;
  key: string;
  correlationId?: string | null;
  occurredAt?: Date;
  id?: string;
}

/** Builds a validated envelope; a producer can never emit data its own contract would refuse. */
export function createEvent<Type extends string, Data>(
  definition: EventDefinition<Type, Data>,
  data: Data,
  meta: EventMeta,
): Envelope<Type, Data> {
  return {
    id: meta.id ?? randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: (meta.occurredAt ?? new Date()).toISOString(),
    producer: meta.producer,
    key: meta.key,
    correlationId: meta.correlationId ?? null,
    data: definition.data.parse(data),
  };
}
