import { toCsv } from './csv';
import type { DailyReport } from './report-views';

const HEADER = [
  'day',
  'group',
  'group_name',
  'passes_issued',
  'passes_revoked',
  'cross_province_passes',
  'tonnage_declared_t',
  'scans_accepted',
  'scans_rejected',
  'tonnage_through_checkpoints_t',
] as const;

/** The daily report as a spreadsheet: one line per day and group, tons with three decimals. */
export function dailyCsv(report: DailyReport): string {
  return toCsv(
    HEADER,
    report.rows.map((r) => [
      r.day,
      r.group,
      r.groupName,
      r.passesIssued,
      r.passesRevoked,
      r.crossProvincePasses,
      r.tonnageDeclared,
      r.scansAccepted,
      r.scansRejected,
      r.tonnageThroughCheckpoints,
    ]),
  );
}
