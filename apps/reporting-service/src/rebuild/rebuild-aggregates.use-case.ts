import { Injectable, Logger } from '@nestjs/common';
import { AuditTrail, type AuditActor } from '@app/audit';
import { Topic, type EventTopic } from '@app/contracts';
import { retryTransient, TopicReplay, type TopicOffsets } from '@app/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AggregateWriter } from '../aggregates/aggregate-writer';
import { EventArchive } from '../archive/event-archive';
import { integer, text, type Row } from '@app/database';
import { generationTotals, totalsDifferences, type GenerationTotals } from './generation-totals';

const TOPICS: EventTopic[] = [Topic.Pass, Topic.Checkpoint];
/** Archived events applied per transaction of a rebuild. */
const ARCHIVE_PAGE = 2000;

export interface RebuildOptions {
  /** The live consumer's group, whose progress the switch waits for. */
  liveGroupId: string;
  /** How long to wait for the live consumer to reach the replay's end offsets before switching. */
  liveCatchUpTimeoutMs: number;
  /** Who started the rebuild (the operator at the command line), for the audit trail. */
  operator: AuditActor;
}

export interface RebuildReport {
  generation: number;
  previousGeneration: number;
  /** Events read from the archive and the topics; one in both is read twice and applied once. */
  eventsReplayed: number;
  /** Of those, read from the event archive (which holds what the topics may no longer hold). */
  eventsFromArchive: number;
  /** Archived events today's contracts cannot read (none, unless a contract broke). */
  archiveUnreadable: number;
  messagesSkipped: number;
  liveCaughtUp: boolean;
  totalsMatch: boolean;
  differences: Record<string, { rebuilt: string; live: string }>;
  totals: GenerationTotals;
}

/**
 * Rebuilds the aggregates from the event archive and the start of both topics into a new
 * generation beside the live one, then makes it live in one transaction.
 *
 * The archive holds every event the live consumer applied, however long ago; the topics hold
 * what the broker has not deleted yet, which includes what the live consumer has not applied
 * yet. An event in both is applied once (the generation's record of applied ids).
 *
 * Why nothing is lost or doubled: the generation is committed before the end offsets are read,
 * so every message past those offsets is applied to it by the live consumer, and every message
 * before them by the replay; the generation's own record of applied ids stops the two from
 * overlapping. At the switch those ids join the live processed-event record, so the live
 * consumer, if it is behind, will not apply them to the new generation again.
 */
@Injectable()
export class RebuildAggregatesUseCase {
  private readonly log = new Logger('Rebuild');

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: AggregateWriter,
    private readonly topics: TopicReplay,
    private readonly archive: EventArchive,
    private readonly audit: AuditTrail,
  ) {}

  async execute(options: RebuildOptions): Promise<RebuildReport> {
    const { generation, replayGroup } = await this.openGeneration(options.liveGroupId);
    const fromArchive = await this.replayArchive(generation);
    const until = await this.topics.endOffsets(TOPICS);
    this.log.log(`replaying into generation ${generation} up to ${describe(until)}`);
    const replayed = await this.topics.replay({
      groupId: replayGroup,
      until,
      apply: (events, source) =>
        this.dataSource.transaction((manager) =>
          this.writer.applyOnce(manager, generation, events, source),
        ),
    });
    const liveCaughtUp = await this.waitForLive(options, until);
    const eventsReplayed = fromArchive.applied + replayed.applied;
    const switched = await this.switchOver(generation, options.operator, eventsReplayed);
    return {
      generation,
      previousGeneration: switched.previousGeneration,
      eventsReplayed,
      eventsFromArchive: fromArchive.applied,
      archiveUnreadable: fromArchive.unreadable,
      messagesSkipped: replayed.skipped,
      liveCaughtUp,
      totalsMatch: Object.keys(switched.differences).length === 0,
      differences: switched.differences,
      totals: switched.totals,
    };
  }

  /** Applies the whole archive to the generation, a page per transaction (a resumed rebuild skips what it has). */
  private async replayArchive(
    generation: number,
  ): Promise<{ applied: number; unreadable: number }> {
    let applied = 0;
    let unreadable = 0;
    let after: string | undefined;
    do {
      const cursor = after;
      // The live consumer writes the same rows meanwhile; a deadlock between the two reruns.
      const page = await retryTransient(() =>
        this.dataSource.transaction(async (manager) => {
          const read = await this.archive.page(manager, cursor, ARCHIVE_PAGE);
          for (const { source, events } of read.groups)
            await this.writer.applyOnce(manager, generation, events, source);
          return read;
        }),
      );
      applied += page.groups.reduce((sum, g) => sum + g.events.length, 0);
      unreadable += page.unreadable;
      after = page.next;
    } while (after);
    this.log.log(`generation ${generation}: ${applied} archived events applied`);
    if (unreadable > 0) this.log.warn(`${unreadable} archived events could not be read`);
    return { applied, unreadable };
  }

  /** A new building generation, or the one an interrupted rebuild left (it resumes). */
  private openGeneration(
    liveGroupId: string,
  ): Promise<{ generation: number; replayGroup: string }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('LOCK TABLE report_generations IN SHARE ROW EXCLUSIVE MODE');
      const [building] = await manager.query<Row[]>(
        `SELECT generation, replay_group AS "replayGroup" FROM report_generations
         WHERE state = 'building'`,
      );
      if (building) {
        return {
          generation: integer(building, 'generation'),
          replayGroup: text(building, 'replayGroup'),
        };
      }
      // A group name never used before: a database rebuilt from scratch restarts generation numbers.
      const replayGroup = `${liveGroupId}-rebuild-${randomUUID()}`;
      const [created] = await manager.query<Row[]>(
        `INSERT INTO report_generations (generation, state, replay_group)
         SELECT max(generation) + 1, 'building', $1 FROM report_generations RETURNING generation`,
        [replayGroup],
      );
      return { generation: integer(created, 'generation'), replayGroup };
    });
  }

  /**
   * Totals are compared under the switch's lock, so they are only comparable when the live
   * consumer has applied what the replay did; it is given a bounded time to get there.
   */
  private async waitForLive(options: RebuildOptions, until: TopicOffsets): Promise<boolean> {
    const deadline = Date.now() + options.liveCatchUpTimeoutMs;
    for (;;) {
      const committed = await this.topics.committedOffsets(options.liveGroupId, TOPICS);
      if (reached(committed, until)) return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  private switchOver(generation: number, operator: AuditActor, eventsReplayed: number) {
    return this.dataSource.transaction(async (manager) => {
      // Before the lock below: a live batch holds its processed-event rows while it waits for it.
      await manager.query(
        `INSERT INTO processed_events (event_id, topic)
         SELECT event_id, topic FROM generation_events WHERE generation = $1
         ON CONFLICT DO NOTHING`,
        [generation],
      );
      const [live] = await manager.query<Row[]>(
        `SELECT generation FROM report_generations WHERE state IN ('live', 'building')
         ORDER BY generation FOR UPDATE`,
      );
      const previousGeneration = integer(live, 'generation');
      const totals = await generationTotals(manager, generation);
      const differences = totalsDifferences(
        totals,
        await generationTotals(manager, previousGeneration),
      );
      await manager.query(`UPDATE report_generations SET state = 'retired' WHERE generation = $1`, [
        previousGeneration,
      ]);
      await manager.query(
        `UPDATE report_generations SET state = 'live', switched_at = now() WHERE generation = $1`,
        [generation],
      );
      await manager.query('DELETE FROM generation_events WHERE generation = $1', [generation]);
      await dropOlderGenerations(manager, previousGeneration);
      // Reports are nationwide: no division, so only the admin reads the entry.
      await this.audit.record(manager, {
        actor: operator,
        action: 'reporting.rebuilt',
        target: { type: 'report', id: `generation-${generation}` },
        divisionCode: null,
        details: {
          previousGeneration,
          eventsReplayed,
          totalsMatch: Object.keys(differences).length === 0,
        },
      });
      return { previousGeneration, totals, differences };
    });
  }
}

/** Keeps the generation just replaced (to compare or go back to) and drops anything older. */
async function dropOlderGenerations(manager: EntityManager, keep: number): Promise<void> {
  for (const table of ['pass_daily', 'checkpoint_hourly', 'freshness', 'generation_events']) {
    await manager.query(`DELETE FROM ${table} WHERE generation < $1`, [keep]);
  }
}

function reached(committed: TopicOffsets, until: TopicOffsets): boolean {
  for (const [topic, partitions] of until) {
    for (const [partition, end] of partitions) {
      const at = committed.get(topic)?.get(partition) ?? '-1';
      if (end !== '0' && (at === '-1' || BigInt(at) < BigInt(end))) return false;
    }
  }
  return true;
}

function describe(offsets: TopicOffsets): string {
  return [...offsets]
    .map(([topic, partitions]) => `${topic}[${[...partitions.values()].join(',')}]`)
    .join(' ');
}
