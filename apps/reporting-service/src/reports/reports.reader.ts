import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { integer, integerText, nullableInstant, nullableText, text, type Row } from '@app/database';
import {
  DIVISION_DIGITS,
  type GroupBy,
  type RollupLevel,
  type TopDimension,
} from './report-queries';

/** Integer kilograms and counters travel as decimal strings: sums can pass 2^53. */
export interface SummaryTotals {
  passesIssued: string;
  passesRevoked: string;
  crossProvincePasses: string;
  tonnageDeclaredKg: string;
  tonnageThroughKg: string;
  scansAccepted: string;
  cloneFlags: string;
  rejectedByReason: Record<string, string>;
  completeUpTo: Date | null;
}

type PassTotals = Pick<
  SummaryTotals,
  'passesIssued' | 'passesRevoked' | 'crossProvincePasses' | 'tonnageDeclaredKg'
>;

export interface DailyRow {
  day: string;
  group: string;
  groupName: string | null;
  passesIssued: string;
  passesRevoked: string;
  crossProvincePasses: string;
  tonnageDeclaredKg: string;
  scansAccepted: string;
  scansRejected: string;
  tonnageThroughKg: string;
}

export interface TopRow {
  code: string;
  name: string | null;
  passesIssued: string;
  tonnageDeclaredKg: string;
  scansAccepted: string;
  scansRejected: string;
  tonnageThroughKg: string;
}

export interface FlowRow {
  origin: string;
  destination: string;
  passesIssued: string;
  tonnageDeclaredKg: string;
}

export interface HourRow {
  hour: number;
  scansAccepted: string;
  scansRejected: string;
  tonnageThroughKg: string;
  cloneFlags: string;
}

function passTotalsFromRow(row: Row): PassTotals {
  return {
    passesIssued: integerText(row, 'passesIssued'),
    passesRevoked: integerText(row, 'passesRevoked'),
    crossProvincePasses: integerText(row, 'crossProvincePasses'),
    tonnageDeclaredKg: integerText(row, 'tonnageDeclaredKg'),
  };
}

/** Scans of one reason ('' is accepted), with their tonnage and clone flags. */
interface ReasonTotals {
  reason: string;
  scans: string;
  through: string;
  clones: string;
}

function reasonTotalsFromRow(row: Row): ReasonTotals {
  return {
    reason: text(row, 'reason'),
    scans: integerText(row, 'scans'),
    through: integerText(row, 'through'),
    clones: integerText(row, 'clones'),
  };
}

function dailyFromRow(row: Row): DailyRow {
  return {
    day: text(row, 'day'),
    group: text(row, 'group'),
    groupName: nullableText(row, 'groupName'),
    passesIssued: integerText(row, 'passesIssued'),
    passesRevoked: integerText(row, 'passesRevoked'),
    crossProvincePasses: integerText(row, 'crossProvincePasses'),
    tonnageDeclaredKg: integerText(row, 'tonnageDeclaredKg'),
    scansAccepted: integerText(row, 'scansAccepted'),
    scansRejected: integerText(row, 'scansRejected'),
    tonnageThroughKg: integerText(row, 'tonnageThroughKg'),
  };
}

function topFromRow(row: Row): TopRow {
  return {
    code: text(row, 'code'),
    name: nullableText(row, 'name'),
    passesIssued: integerText(row, 'passesIssued'),
    tonnageDeclaredKg: integerText(row, 'tonnageDeclaredKg'),
    scansAccepted: integerText(row, 'scansAccepted'),
    scansRejected: integerText(row, 'scansRejected'),
    tonnageThroughKg: integerText(row, 'tonnageThroughKg'),
  };
}

function flowFromRow(row: Row): FlowRow {
  return {
    origin: text(row, 'origin'),
    destination: text(row, 'destination'),
    passesIssued: integerText(row, 'passesIssued'),
    tonnageDeclaredKg: integerText(row, 'tonnageDeclaredKg'),
  };
}

function hourFromRow(row: Row): HourRow {
  return {
    hour: integer(row, 'hour'),
    scansAccepted: integerText(row, 'scansAccepted'),
    scansRejected: integerText(row, 'scansRejected'),
    tonnageThroughKg: integerText(row, 'tonnageThroughKg'),
    cloneFlags: integerText(row, 'cloneFlags'),
  };
}

/**
 * A report's jurisdiction ($4: a division prefix, or null for nationwide): passes by their
 * issuing county, scans by their checkpoint's division. Pass rows from before issuing counties
 * were recorded ('') count nationwide only.
 */
const PASS_SCOPE = `($4::text IS NULL OR issuing LIKE $4 || '%')`;
const SCAN_SCOPE = `($4::text IS NULL OR checkpoint_division LIKE $4 || '%')`;

/** The column a grouping reads, per table; every value here is a fixed SQL fragment, never input. */
function groupColumns(by: GroupBy, level: RollupLevel): { pass?: string; checkpoint: string } {
  const digits = DIVISION_DIGITS[level];
  switch (by) {
    case 'cargo':
      return { pass: 'cargo', checkpoint: 'cargo' };
    case 'origin':
      return { pass: `left(origin, ${digits})`, checkpoint: `left(origin, ${digits})` };
    case 'destination':
      return {
        pass: `left(destination, ${digits})`,
        checkpoint: `left(destination, ${digits})`,
      };
    case 'enterprise':
      return { pass: 'enterprise', checkpoint: 'enterprise' };
    case 'checkpoint':
      return { checkpoint: 'checkpoint' };
  }
}

/**
 * Reads the live generation's aggregates. Each report runs in one repeatable-read snapshot, so
 * its parts agree with each other even while batches apply or a rebuild switches over.
 */
@Injectable()
export class ReportsReader {
  constructor(private readonly dataSource: DataSource) {}

  summary(from: string, to: string, prefix: string | null): Promise<SummaryTotals> {
    return this.inSnapshot(async (manager, generation) => {
      const [passRow] = await manager.query<Row[]>(
        `SELECT coalesce(sum(passes_issued), 0)::text AS "passesIssued",
                coalesce(sum(passes_revoked), 0)::text AS "passesRevoked",
                coalesce(sum(cross_province), 0)::text AS "crossProvincePasses",
                coalesce(sum(tonnage_declared_kg), 0)::text AS "tonnageDeclaredKg"
         FROM pass_daily WHERE generation = $1 AND day BETWEEN $2 AND $3 AND ${PASS_SCOPE}`,
        [generation, from, to, prefix],
      );
      const passes = passTotalsFromRow(passRow);
      const scanRows = await manager.query<Row[]>(
        `SELECT reason, sum(scans)::text AS scans, sum(tonnage_through_kg)::text AS through,
                sum(clone_flags)::text AS clones
         FROM checkpoint_hourly WHERE generation = $1 AND day BETWEEN $2 AND $3 AND ${SCAN_SCOPE}
         GROUP BY reason`,
        [generation, from, to, prefix],
      );
      const scans = scanRows.map(reasonTotalsFromRow);
      const rejectedByReason: Record<string, string> = {};
      let scansAccepted = '0';
      let through = 0n;
      let clones = 0n;
      for (const row of scans) {
        through += BigInt(row.through);
        clones += BigInt(row.clones);
        if (row.reason === '') scansAccepted = row.scans;
        else rejectedByReason[row.reason] = row.scans;
      }
      return {
        ...passes,
        scansAccepted,
        rejectedByReason,
        tonnageThroughKg: through.toString(),
        cloneFlags: clones.toString(),
        completeUpTo: await this.completeUpTo(manager, generation),
      };
    });
  }

  daily(
    from: string,
    to: string,
    by: GroupBy,
    level: RollupLevel,
    prefix: string | null,
  ): Promise<{ rows: DailyRow[]; completeUpTo: Date | null }> {
    const columns = groupColumns(by, level);
    const passPart = columns.pass
      ? `SELECT day, ${columns.pass} AS grp, sum(passes_issued) AS issued,
           sum(passes_revoked) AS revoked, sum(cross_province) AS cross_province,
           sum(tonnage_declared_kg) AS declared
         FROM pass_daily WHERE generation = $1 AND day BETWEEN $2 AND $3 AND ${PASS_SCOPE}
         GROUP BY 1, 2`
      : `SELECT NULL::date AS day, NULL::text AS grp, 0::numeric AS issued, 0::numeric AS revoked,
           0::numeric AS cross_province, 0::numeric AS declared WHERE false`;
    return this.inSnapshot(async (manager, generation) => {
      const rows = await manager.query<Row[]>(
        `WITH p AS (${passPart}),
         c AS (
           SELECT day, ${columns.checkpoint} AS grp,
             coalesce(sum(scans) FILTER (WHERE reason = ''), 0) AS accepted,
             coalesce(sum(scans) FILTER (WHERE reason <> ''), 0) AS rejected,
             sum(tonnage_through_kg) AS through
           FROM checkpoint_hourly
           WHERE generation = $1 AND day BETWEEN $2 AND $3 AND ${SCAN_SCOPE}
           GROUP BY 1, 2
         )
         SELECT to_char(coalesce(p.day, c.day), 'YYYY-MM-DD') AS day,
           coalesce(p.grp, c.grp) AS "group",
           ${by === 'enterprise' ? 'e.name' : 'NULL'} AS "groupName",
           coalesce(p.issued, 0)::text AS "passesIssued",
           coalesce(p.revoked, 0)::text AS "passesRevoked",
           coalesce(p.cross_province, 0)::text AS "crossProvincePasses",
           coalesce(p.declared, 0)::text AS "tonnageDeclaredKg",
           coalesce(c.accepted, 0)::text AS "scansAccepted",
           coalesce(c.rejected, 0)::text AS "scansRejected",
           coalesce(c.through, 0)::text AS "tonnageThroughKg"
         FROM p FULL JOIN c ON p.day = c.day AND p.grp = c.grp
         ${by === 'enterprise' ? 'LEFT JOIN enterprises e ON e.credit_code = coalesce(p.grp, c.grp)' : ''}
         ORDER BY 1, 2`,
        [generation, from, to, prefix],
      );
      return {
        rows: rows.map(dailyFromRow),
        completeUpTo: await this.completeUpTo(manager, generation),
      };
    });
  }

  top(
    from: string,
    to: string,
    dimension: TopDimension,
    limit: number,
    prefix: string | null,
  ): Promise<{ rows: TopRow[]; completeUpTo: Date | null }> {
    const sql =
      dimension === 'enterprise'
        ? `SELECT p.enterprise AS code, e.name,
             sum(p.passes_issued)::text AS "passesIssued",
             sum(p.tonnage_declared_kg)::text AS "tonnageDeclaredKg",
             '0' AS "scansAccepted", '0' AS "scansRejected", '0' AS "tonnageThroughKg"
           FROM pass_daily p LEFT JOIN enterprises e ON e.credit_code = p.enterprise
           WHERE p.generation = $1 AND p.day BETWEEN $2 AND $3
             AND ($5::text IS NULL OR p.issuing LIKE $5 || '%')
           GROUP BY p.enterprise, e.name
           ORDER BY sum(p.tonnage_declared_kg) DESC, sum(p.passes_issued) DESC, p.enterprise
           LIMIT $4`
        : `SELECT checkpoint AS code, NULL AS name, '0' AS "passesIssued", '0' AS "tonnageDeclaredKg",
             coalesce(sum(scans) FILTER (WHERE reason = ''), 0)::text AS "scansAccepted",
             coalesce(sum(scans) FILTER (WHERE reason <> ''), 0)::text AS "scansRejected",
             sum(tonnage_through_kg)::text AS "tonnageThroughKg"
           FROM checkpoint_hourly WHERE generation = $1 AND day BETWEEN $2 AND $3
             AND ($5::text IS NULL OR checkpoint_division LIKE $5 || '%')
           GROUP BY checkpoint
           ORDER BY sum(tonnage_through_kg) DESC, sum(scans) DESC, checkpoint
           LIMIT $4`;
    return this.inSnapshot(async (manager, generation) => ({
      rows: (await manager.query<Row[]>(sql, [generation, from, to, limit, prefix])).map(
        topFromRow,
      ),
      completeUpTo: await this.completeUpTo(manager, generation),
    }));
  }

  flows(
    from: string,
    to: string,
    level: RollupLevel,
    limit: number,
    prefix: string | null,
  ): Promise<{ rows: FlowRow[]; completeUpTo: Date | null }> {
    const digits = DIVISION_DIGITS[level];
    return this.inSnapshot(async (manager, generation) => ({
      rows: (
        await manager.query<Row[]>(
          `SELECT left(origin, ${digits}) AS origin, left(destination, ${digits}) AS destination,
           sum(passes_issued)::text AS "passesIssued",
           sum(tonnage_declared_kg)::text AS "tonnageDeclaredKg"
         FROM pass_daily
         WHERE generation = $1 AND day BETWEEN $2 AND $3
           AND ($5::text IS NULL OR issuing LIKE $5 || '%')
         GROUP BY 1, 2
         HAVING sum(passes_issued) > 0
         ORDER BY sum(passes_issued) DESC, sum(tonnage_declared_kg) DESC, 1, 2
         LIMIT $4`,
          [generation, from, to, limit, prefix],
        )
      ).map(flowFromRow),
      completeUpTo: await this.completeUpTo(manager, generation),
    }));
  }

  checkpointHourly(
    day: string,
    checkpoint: string,
    prefix: string | null,
  ): Promise<{ rows: HourRow[]; completeUpTo: Date | null }> {
    return this.inSnapshot(async (manager, generation) => ({
      rows: (
        await manager.query<Row[]>(
          `SELECT hour,
           coalesce(sum(scans) FILTER (WHERE reason = ''), 0)::text AS "scansAccepted",
           coalesce(sum(scans) FILTER (WHERE reason <> ''), 0)::text AS "scansRejected",
           sum(tonnage_through_kg)::text AS "tonnageThroughKg",
           sum(clone_flags)::text AS "cloneFlags"
         FROM checkpoint_hourly WHERE generation = $1 AND day = $2 AND checkpoint = $3
           AND ($4::text IS NULL OR checkpoint_division LIKE $4 || '%')
         GROUP BY hour ORDER BY hour`,
          [generation, day, checkpoint, prefix],
        )
      ).map(hourFromRow),
      completeUpTo: await this.completeUpTo(manager, generation),
    }));
  }

  private async completeUpTo(manager: EntityManager, generation: number): Promise<Date | null> {
    const [row] = await manager.query<Row[]>(
      'SELECT max(newest_occurred_at) AS newest FROM freshness WHERE generation = $1',
      [generation],
    );
    return row ? nullableInstant(row, 'newest') : null;
  }

  private inSnapshot<T>(
    read: (manager: EntityManager, generation: number) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [live] = await manager.query<Row[]>(
        `SELECT generation FROM report_generations WHERE state = 'live'`,
      );
      return read(manager, integer(live, 'generation'));
    });
  }
}
