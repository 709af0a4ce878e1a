import { Injectable } from '@nestjs/common';
import { SCAN_REJECTION_REASONS, type ScanRejectionReason } from '@app/contracts';
import { CARGO_CATEGORY_LABELS, findDivision, formatKgAsTons, isCargoCategory } from '@app/domain';
import {
  DIVISION_DIGITS,
  type CheckpointHourlyQuery,
  type DailyQuery,
  type FlowsQuery,
  type GroupBy,
  type RollupLevel,
  type SummaryQuery,
  type TopQuery,
} from './report-queries';
import type { ReportScope } from './report-scope';
import type {
  CheckpointHourlyReport,
  DailyReport,
  DailyReportRow,
  FlowsReport,
  SummaryReport,
  TopReport,
} from './report-views';
import { ReportsReader, type DailyRow as StoredDailyRow } from './reports.reader';

/** Turns stored kilograms and counters into the API's shapes; no floats on the way. */
@Injectable()
export class ReportsService {
  constructor(private readonly reader: ReportsReader) {}

  async summary({ from, to }: SummaryQuery, scope: ReportScope): Promise<SummaryReport> {
    const totals = await this.reader.summary(from, to, scope.prefix);
    // Every reason, 0 when none; the stored reasons are these codes (events are validated).
    const rejectedByReason = Object.fromEntries(
      SCAN_REJECTION_REASONS.map((reason) => [
        reason,
        Number(totals.rejectedByReason[reason] ?? 0),
      ]),
    ) as Record<ScanRejectionReason, number>;
    return {
      from,
      to,
      region: scope.region,
      passesIssued: Number(totals.passesIssued),
      passesRevoked: Number(totals.passesRevoked),
      crossProvincePasses: Number(totals.crossProvincePasses),
      tonnageDeclared: formatKgAsTons(totals.tonnageDeclaredKg),
      tonnageThroughCheckpoints: formatKgAsTons(totals.tonnageThroughKg),
      scansAccepted: Number(totals.scansAccepted),
      scansRejected: Object.values(rejectedByReason).reduce((sum, n) => sum + n, 0),
      rejectedByReason,
      cloneFlags: Number(totals.cloneFlags),
      completeUpTo: totals.completeUpTo?.toISOString() ?? null,
    };
  }

  async daily({ from, to, by, level }: DailyQuery, scope: ReportScope): Promise<DailyReport> {
    const { rows, completeUpTo } = await this.reader.daily(from, to, by, level, scope.prefix);
    return {
      from,
      to,
      region: scope.region,
      by,
      level,
      completeUpTo: completeUpTo?.toISOString() ?? null,
      rows: rows.map((row) => this.dailyRow(row, by, level)),
    };
  }

  async top({ from, to, dimension, limit }: TopQuery, scope: ReportScope): Promise<TopReport> {
    const { rows, completeUpTo } = await this.reader.top(from, to, dimension, limit, scope.prefix);
    return {
      from,
      to,
      region: scope.region,
      dimension,
      limit,
      completeUpTo: completeUpTo?.toISOString() ?? null,
      rows: rows.map((row, index) => ({
        rank: index + 1,
        code: row.code,
        name: row.name,
        ...(dimension === 'enterprise'
          ? {
              passesIssued: Number(row.passesIssued),
              tonnageDeclared: formatKgAsTons(row.tonnageDeclaredKg),
            }
          : {
              scansAccepted: Number(row.scansAccepted),
              scansRejected: Number(row.scansRejected),
              tonnageThroughCheckpoints: formatKgAsTons(row.tonnageThroughKg),
            }),
      })),
    };
  }

  async flows({ from, to, level, limit }: FlowsQuery, scope: ReportScope): Promise<FlowsReport> {
    const { rows, completeUpTo } = await this.reader.flows(from, to, level, limit, scope.prefix);
    const division = (code: string) => ({
      code: code.padEnd(6, '0'),
      name: findDivision(code)?.name ?? null,
    });
    return {
      from,
      to,
      region: scope.region,
      level,
      limit,
      completeUpTo: completeUpTo?.toISOString() ?? null,
      rows: rows.map((row, index) => ({
        rank: index + 1,
        origin: division(row.origin),
        destination: division(row.destination),
        passesIssued: Number(row.passesIssued),
        tonnageDeclared: formatKgAsTons(row.tonnageDeclaredKg),
      })),
    };
  }

  async checkpointHourly(
    { day, checkpointCode }: CheckpointHourlyQuery,
    scope: ReportScope,
  ): Promise<CheckpointHourlyReport> {
    const { rows, completeUpTo } = await this.reader.checkpointHourly(
      day,
      checkpointCode,
      scope.prefix,
    );
    const byHour = new Map(rows.map((row) => [Number(row.hour), row]));
    return {
      day,
      checkpointCode,
      region: scope.region,
      completeUpTo: completeUpTo?.toISOString() ?? null,
      hours: Array.from({ length: 24 }, (_, hour) => {
        const row = byHour.get(hour);
        return {
          hour,
          scansAccepted: Number(row?.scansAccepted ?? 0),
          scansRejected: Number(row?.scansRejected ?? 0),
          tonnageThroughCheckpoints: formatKgAsTons(row?.tonnageThroughKg ?? '0'),
          cloneFlags: Number(row?.cloneFlags ?? 0),
        };
      }),
    };
  }

  private dailyRow(row: StoredDailyRow, by: GroupBy, level: RollupLevel): DailyReportRow {
    const isDivision = by === 'origin' || by === 'destination';
    return {
      day: row.day,
      // Divisions are reported as six-digit GB/T 2260 codes at every level (41 → 410000).
      group: isDivision && row.group !== '' ? row.group.padEnd(6, '0') : row.group,
      groupName: groupName(row, by, level),
      passesIssued: Number(row.passesIssued),
      passesRevoked: Number(row.passesRevoked),
      crossProvincePasses: Number(row.crossProvincePasses),
      tonnageDeclared: formatKgAsTons(row.tonnageDeclaredKg),
      scansAccepted: Number(row.scansAccepted),
      scansRejected: Number(row.scansRejected),
      tonnageThroughCheckpoints: formatKgAsTons(row.tonnageThroughKg),
    };
  }
}

/** A readable name beside each code; '' groups scans of QRs that were not readable passes. */
function groupName(row: StoredDailyRow, by: GroupBy, level: RollupLevel): string | null {
  if (row.group === '') return null;
  switch (by) {
    case 'cargo':
      return isCargoCategory(row.group) ? CARGO_CATEGORY_LABELS[row.group].zh : null;
    case 'origin':
    case 'destination':
      return findDivision(row.group.slice(0, DIVISION_DIGITS[level]))?.name ?? null;
    case 'enterprise':
      return row.groupName;
    case 'checkpoint':
      return null;
  }
}
