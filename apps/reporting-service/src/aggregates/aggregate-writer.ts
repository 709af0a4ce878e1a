import { Inject, Injectable } from '@nestjs/common';
import type { AnyEvent } from '@app/contracts';
import type { EntityManager } from 'typeorm';
import { EventArchive } from '../archive/event-archive';
import { REPORTS_CONFIG, type ReportsConfig } from '../config/reporting-service.config';
import { integer, oneOf, text, type Row } from '@app/database';
import { batchDeltas, type BatchDeltas } from './batch-deltas';
import { LocalTimeBuckets } from './local-time';

export interface BatchSource {
  topic: string;
  partition: number;
}

/** The generations a batch is applied to. */
const ACTIVE_STATES = ['live', 'building'] as const;

/**
 * Applies events to the aggregates of every generation that is live or being rebuilt, inside the
 * caller's transaction. The live generation trusts the caller's deduplication (the messaging
 * lib's processed-event record); a building generation is also fed by a replay, so it keeps
 * its own record of applied ids and skips what it already has.
 */
@Injectable()
export class AggregateWriter {
  private readonly buckets: LocalTimeBuckets;

  constructor(
    @Inject(REPORTS_CONFIG) config: ReportsConfig,
    private readonly archive: EventArchive,
  ) {
    this.buckets = new LocalTimeBuckets(config.timeZone);
  }

  /**
   * Applies the live consumer's batch to every active generation, and archives it in the same
   * transaction, so the archive holds exactly what the live totals count.
   */
  async applyLive(
    manager: EntityManager,
    events: readonly AnyEvent[],
    source: BatchSource,
  ): Promise<void> {
    await this.archive.append(manager, events, source);
    // FOR SHARE makes a rebuild's switch wait until this batch has committed, and vice versa.
    const rows: Row[] = await manager.query(
      `SELECT generation, state FROM report_generations
       WHERE state IN ('live', 'building') ORDER BY generation FOR SHARE`,
    );
    for (const row of rows) {
      const generation = integer(row, 'generation');
      const state = oneOf(row, 'state', ACTIVE_STATES);
      if (state === 'live') await this.applyToGeneration(manager, generation, events, source);
      else await this.applyOnce(manager, generation, events, source);
    }
  }

  /** Applies events to one generation, skipping those that generation already holds. */
  async applyOnce(
    manager: EntityManager,
    generation: number,
    events: readonly AnyEvent[],
    source: BatchSource,
  ): Promise<void> {
    if (events.length === 0) return;
    const recorded: Row[] = await manager.query(
      // In id order: the replay and the live consumer insert overlapping ids at once, and the
      // same order on both sides makes one wait for the other instead of deadlocking.
      `INSERT INTO generation_events (generation, event_id, topic)
       SELECT $1, id, $3 FROM unnest($2::uuid[]) AS id ORDER BY id
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [generation, events.map((e) => e.id), source.topic],
    );
    // delete(), not has(): an id that occurs twice in the batch is applied once.
    const fresh = new Set(recorded.map((r) => text(r, 'event_id')));
    await this.applyToGeneration(
      manager,
      generation,
      events.filter((e) => fresh.delete(e.id)),
      source,
    );
  }

  private async applyToGeneration(
    manager: EntityManager,
    generation: number,
    events: readonly AnyEvent[],
    source: BatchSource,
  ): Promise<void> {
    if (events.length === 0) return;
    const deltas = batchDeltas(events, this.buckets);
    await this.upsertPassDaily(manager, generation, deltas);
    await this.upsertCheckpointHourly(manager, generation, deltas);
    await this.upsertEnterprises(manager, deltas);
    const newest = events.reduce(
      (max, e) => (e.occurredAt > max ? e.occurredAt : max),
      events[0].occurredAt,
    );
    await manager.query(
      `INSERT INTO freshness (generation, topic, partition, newest_occurred_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (generation, topic, partition) DO UPDATE
       SET newest_occurred_at = GREATEST(freshness.newest_occurred_at, EXCLUDED.newest_occurred_at)`,
      [generation, source.topic, source.partition, newest],
    );
  }

  private async upsertPassDaily(
    manager: EntityManager,
    generation: number,
    { passDaily: rows }: BatchDeltas,
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO pass_daily AS t (generation, day, cargo, origin, destination, enterprise,
         passes_issued, passes_revoked, cross_province, tonnage_declared_kg, issuing)
       SELECT $1, * FROM unnest($2::date[], $3::text[], $4::text[], $5::text[], $6::text[],
         $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::text[])
       ON CONFLICT (generation, day, cargo, origin, destination, enterprise, issuing) DO UPDATE SET
         passes_issued = t.passes_issued + EXCLUDED.passes_issued,
         passes_revoked = t.passes_revoked + EXCLUDED.passes_revoked,
         cross_province = t.cross_province + EXCLUDED.cross_province,
         tonnage_declared_kg = t.tonnage_declared_kg + EXCLUDED.tonnage_declared_kg`,
      [
        generation,
        rows.map((r) => r.day),
        rows.map((r) => r.cargo),
        rows.map((r) => r.origin),
        rows.map((r) => r.destination),
        rows.map((r) => r.enterprise),
        rows.map((r) => r.passesIssued),
        rows.map((r) => r.passesRevoked),
        rows.map((r) => r.crossProvince),
        rows.map((r) => r.tonnageDeclaredKg.toString()),
        rows.map((r) => r.issuing),
      ],
    );
  }

  private async upsertCheckpointHourly(
    manager: EntityManager,
    generation: number,
    { checkpointHourly: rows }: BatchDeltas,
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO checkpoint_hourly AS t (generation, day, hour, checkpoint, checkpoint_division,
         cargo, origin, destination, enterprise, reason, scans, tonnage_through_kg, clone_flags)
       SELECT $1, * FROM unnest($2::date[], $3::smallint[], $4::text[], $5::text[], $6::text[],
         $7::text[], $8::text[], $9::text[], $10::text[], $11::bigint[], $12::bigint[], $13::bigint[])
       ON CONFLICT (generation, day, hour, checkpoint, checkpoint_division, cargo, origin,
         destination, enterprise, reason) DO UPDATE SET
         scans = t.scans + EXCLUDED.scans,
         tonnage_through_kg = t.tonnage_through_kg + EXCLUDED.tonnage_through_kg,
         clone_flags = t.clone_flags + EXCLUDED.clone_flags`,
      [
        generation,
        rows.map((r) => r.day),
        rows.map((r) => r.hour),
        rows.map((r) => r.checkpoint),
        rows.map((r) => r.checkpointDivision),
        rows.map((r) => r.cargo),
        rows.map((r) => r.origin),
        rows.map((r) => r.destination),
        rows.map((r) => r.enterprise),
        rows.map((r) => r.reason),
        rows.map((r) => r.scans),
        rows.map((r) => r.tonnageThroughKg.toString()),
        rows.map((r) => r.cloneFlags),
      ],
    );
  }

  private async upsertEnterprises(
    manager: EntityManager,
    { enterpriseNames }: BatchDeltas,
  ): Promise<void> {
    if (enterpriseNames.size === 0) return;
    const codes = [...enterpriseNames.keys()].sort();
    await manager.query(
      `INSERT INTO enterprises AS t (credit_code, name)
       SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (credit_code) DO UPDATE SET name = EXCLUDED.name
       WHERE t.name IS DISTINCT FROM EXCLUDED.name`,
      [codes, codes.map((c) => enterpriseNames.get(c))],
    );
  }
}
