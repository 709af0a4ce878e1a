import { Injectable } from '@nestjs/common';
import { isEventTopic, parseTopicEvent, type AnyEvent } from '@app/contracts';
import type { EntityManager } from 'typeorm';
import { integer, text, type Row } from '@app/database';

/** Where an archived event came from: its topic and partition (the report's freshness is per partition). */
export interface ArchiveSource {
  topic: string;
  partition: number;
}

/** One page of the archive, events grouped by the partition they came from. */
export interface ArchivePage {
  groups: { source: ArchiveSource; events: AnyEvent[] }[];
  /** Rows whose event no longer parses under today's contracts (counted, not applied). */
  unreadable: number;
  /** Where the next page starts; undefined after the last page. */
  next?: string;
}

/** One archived event as stored; the event itself is parsed against today's contracts. */
interface ArchivedEvent {
  eventId: string;
  topic: string;
  partition: number;
  event: unknown;
}

function archivedFromRow(row: Row): ArchivedEvent {
  return {
    eventId: text(row, 'event_id'),
    topic: text(row, 'topic'),
    partition: integer(row, 'partition'),
    event: row.event,
  };
}

/**
 * The event archive: the live consumer appends each batch it applies in the same transaction, so
 * the archive holds exactly the events the live totals count; a rebuild reads it back in pages.
 */
@Injectable()
export class EventArchive {
  async append(
    manager: EntityManager,
    events: readonly AnyEvent[],
    source: ArchiveSource,
  ): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO event_archive (event_id, topic, partition, occurred_at, event)
       SELECT id, $2, $3, occurred_at, event
       FROM unnest($1::uuid[], $4::timestamptz[], $5::jsonb[]) AS e (id, occurred_at, event)
       ON CONFLICT (event_id) DO NOTHING`,
      [
        events.map((e) => e.id),
        source.topic,
        source.partition,
        events.map((e) => e.occurredAt),
        events.map((e) => JSON.stringify(e)),
      ],
    );
  }

  /** The page of at most `limit` events after `after` (by event id), parsed as the consumer would. */
  async page(
    manager: EntityManager,
    after: string | undefined,
    limit: number,
  ): Promise<ArchivePage> {
    const rows: Row[] = await manager.query(
      `SELECT event_id, topic, partition, event FROM event_archive
       WHERE $1::uuid IS NULL OR event_id > $1::uuid
       ORDER BY event_id LIMIT $2`,
      [after ?? null, limit],
    );
    const archived = rows.map(archivedFromRow);
    const groups = new Map<string, { source: ArchiveSource; events: AnyEvent[] }>();
    let unreadable = 0;
    for (const row of archived) {
      const parsed = isEventTopic(row.topic) ? parseTopicEvent(row.topic, row.event) : undefined;
      if (!parsed?.ok) {
        unreadable += 1;
        continue;
      }
      const key = `${row.topic}/${row.partition}`;
      const group = groups.get(key) ?? {
        source: { topic: row.topic, partition: row.partition },
        events: [],
      };
      group.events.push(parsed.event);
      groups.set(key, group);
    }
    return {
      groups: [...groups.values()],
      unreadable,
      next: archived.length === limit ? archived[archived.length - 1].eventId : undefined,
    };
  }
}
