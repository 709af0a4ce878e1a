import { SCAN_REJECTION_REASONS } from '@app/contracts';
import { z } from 'zod';
import { DIVISION_LEVELS, GROUP_BY, TOP_DIMENSIONS } from './report-queries';

// The answers of the report endpoints, published as components; the TypeScript types the
// service returns are inferred from these schemas, so the two cannot drift.

const count = z.number().int().nonnegative();
const tons = z
  .string()
  .regex(/^\d+\.\d{3}$/)
  .describe('Tons with three decimals, exact: summed as integer kilograms, never as floats.');
const date = z.iso.date();
const region = z
  .string()
  .nullable()
  .describe('The province, city or county covered (six-digit code); null is nationwide.');
const completeUpTo = z.iso
  .datetime()
  .nullable()
  .describe('occurredAt of the newest event applied; null before the first.');

export const summaryReportSchema = z
  .strictObject({
    from: date,
    to: date,
    region,
    passesIssued: count,
    passesRevoked: count,
    crossProvincePasses: count,
    tonnageDeclared: tons,
    tonnageThroughCheckpoints: tons.describe(
      "The passes' tonnage over accepted entry scans; tons with three decimals, exact.",
    ),
    scansAccepted: count,
    scansRejected: count,
    rejectedByReason: z
      .record(z.enum(SCAN_REJECTION_REASONS), count)
      .describe('Rejected scans by reason code; every code is present, 0 when none.'),
    cloneFlags: count.describe('Accepted scans flagged as a possible copied QR.'),
    completeUpTo,
  })
  .meta({ id: 'SummaryReport' });
export type SummaryReport = z.infer<typeof summaryReportSchema>;

export const dailyReportRowSchema = z
  .strictObject({
    day: date.describe('A local date in REPORT_TZ (Asia/Shanghai by default).'),
    group: z
      .string()
      .describe(
        'The cargo category, six-digit division code (at `level`), checkpoint code or enterprise credit code; "" for scans of QRs that were not readable passes.',
      ),
    groupName: z.string().nullable().describe('A readable name for the group, where one is known.'),
    passesIssued: count,
    passesRevoked: count,
    crossProvincePasses: count,
    tonnageDeclared: tons,
    scansAccepted: count,
    scansRejected: count,
    tonnageThroughCheckpoints: tons,
  })
  .meta({ id: 'DailyReportRow' });
export type DailyReportRow = z.infer<typeof dailyReportRowSchema>;

export const dailyReportSchema = z
  .strictObject({
    from: date,
    to: date,
    region,
    by: z.enum(GROUP_BY),
    level: z.enum(DIVISION_LEVELS).describe('The roll-up of by=origin and by=destination.'),
    completeUpTo,
    rows: z.array(dailyReportRowSchema),
  })
  .meta({ id: 'DailyReport' });
export type DailyReport = z.infer<typeof dailyReportSchema>;

const ranked = {
  rank: z.number().int().positive(),
  code: z.string().describe('The enterprise credit code or the checkpoint code.'),
  name: z.string().nullable(),
};

export const topEnterpriseRowSchema = z
  .strictObject({ ...ranked, passesIssued: count, tonnageDeclared: tons })
  .meta({ id: 'TopEnterpriseRow' });

export const topCheckpointRowSchema = z
  .strictObject({
    ...ranked,
    scansAccepted: count,
    scansRejected: count,
    tonnageThroughCheckpoints: tons,
  })
  .meta({ id: 'TopCheckpointRow' });

export const topReportSchema = z
  .strictObject({
    from: date,
    to: date,
    region,
    dimension: z.enum(TOP_DIMENSIONS),
    limit: z.number().int().positive(),
    completeUpTo,
    rows: z
      .array(z.union([topEnterpriseRowSchema, topCheckpointRowSchema]))
      .describe('TopEnterpriseRow for dimension=enterprise, TopCheckpointRow for checkpoint.'),
  })
  .meta({ id: 'TopReport' });
export type TopReport = z.infer<typeof topReportSchema>;

const division = z.strictObject({
  code: z.string().describe('Six-digit GB/T 2260 code at the chosen level.'),
  name: z.string().nullable(),
});

export const flowsReportSchema = z
  .strictObject({
    from: date,
    to: date,
    region,
    level: z.enum(DIVISION_LEVELS),
    limit: z.number().int().positive(),
    completeUpTo,
    rows: z.array(
      z
        .strictObject({
          rank: z.number().int().positive(),
          origin: division,
          destination: division,
          passesIssued: count,
          tonnageDeclared: tons,
        })
        .meta({ id: 'FlowRow' }),
    ),
  })
  .meta({ id: 'FlowsReport' });
export type FlowsReport = z.infer<typeof flowsReportSchema>;

export const checkpointHourlyReportSchema = z
  .strictObject({
    day: date,
    checkpointCode: z.string(),
    region,
    completeUpTo,
    hours: z
      .array(
        z
          .strictObject({
            hour: z.number().int().min(0).max(23).describe('Local hour in REPORT_TZ.'),
            scansAccepted: count,
            scansRejected: count,
            tonnageThroughCheckpoints: tons,
            cloneFlags: count,
          })
          .meta({ id: 'CheckpointHour' }),
      )
      .length(24)
      .describe('Hours 0 to 23, each present.'),
  })
  .meta({ id: 'CheckpointHourlyReport' });
export type CheckpointHourlyReport = z.infer<typeof checkpointHourlyReportSchema>;
