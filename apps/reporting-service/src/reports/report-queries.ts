import { coded, EARLIEST_DATE, isDateInRange, LATEST_DATE, plainText } from '@app/contracts';
import { isDivisionScope } from '@app/domain';
import { z } from 'zod';

export const GROUP_BY = ['cargo', 'origin', 'destination', 'checkpoint', 'enterprise'] as const;
export type GroupBy = (typeof GROUP_BY)[number];
export const DIVISION_LEVELS = ['county', 'city', 'province'] as const;
export type RollupLevel = (typeof DIVISION_LEVELS)[number];
/** How many leading digits of a GB/T 2260 code name the division at each level. */
export const DIVISION_DIGITS: Record<RollupLevel, number> = { county: 6, city: 4, province: 2 };
export const TOP_DIMENSIONS = ['enterprise', 'checkpoint'] as const;
export type TopDimension = (typeof TOP_DIMENSIONS)[number];

const DAY_MS = 86_400_000;

/** Inclusive number of days from one ISO date to another. */
export function daysSpanned(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
}

// Each field is coded (libs/contracts): every failure, a missing value included, answers the
// field's own code, and the published schema shows what the field takes.

/** A calendar date inside the system's instant range, so no query reaches for year 0000 or 9999. */
const isoDate = coded(
  'DATE_INVALID',
  z.iso.date().refine(isDateInRange),
  `must be a calendar date YYYY-MM-DD from ${EARLIEST_DATE} to ${LATEST_DATE}`,
);

function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  code: string,
  name: string,
) {
  return coded(code, z.enum(values), `${name} must be one of ${values.join(', ')}`);
}

function checkRange(maxDays: number) {
  return (query: { from: string; to: string }, ctx: z.RefinementCtx): void => {
    const span = daysSpanned(query.from, query.to);
    if (span < 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'to must not be before from',
        params: { code: 'RANGE_INVALID' },
      });
    } else if (span > maxDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `a report covers at most ${maxDays} days`,
        params: { code: 'RANGE_TOO_LONG' },
      });
    }
  };
}

/**
 * The jurisdiction a report covers: a province, city or county code. Omitted, it is the
 * caller's own scope (nationwide for the admin); it may narrow that scope, never widen it.
 */
const region = coded(
  'REGION_INVALID',
  z
    .string()
    .regex(/^\d{6}$/)
    .refine(isDivisionScope),
  'region must be the six-digit code of a known province, city or county',
).optional();

const rangeShape = { from: isoDate, to: isoDate, region };

export function summaryQuerySchema(maxDays: number) {
  return z.strictObject(rangeShape).superRefine(checkRange(maxDays));
}
export type SummaryQuery = z.infer<ReturnType<typeof summaryQuerySchema>>;

export function dailyQuerySchema(maxDays: number) {
  return z
    .strictObject({
      ...rangeShape,
      by: oneOf(GROUP_BY, 'BY_INVALID', 'by'),
      level: oneOf(DIVISION_LEVELS, 'LEVEL_INVALID', 'level').optional(),
    })
    .superRefine(checkRange(maxDays))
    .superRefine((query, ctx) => {
      if (query.level && query.by !== 'origin' && query.by !== 'destination') {
        ctx.addIssue({
          code: 'custom',
          path: ['level'],
          message: 'level applies only to by=origin or by=destination',
          params: { code: 'LEVEL_INVALID' },
        });
      }
    })
    .transform((query) => {
      const level: RollupLevel = query.level ?? 'county';
      return { ...query, level };
    });
}
export type DailyQuery = z.infer<ReturnType<typeof dailyQuerySchema>>;

/** 1 to 100, as the query's text; the query's transform makes it a number. */
const limit = coded(
  'LIMIT_INVALID',
  z
    .string()
    .regex(/^\d{1,3}$/)
    .refine((v) => Number(v) >= 1 && Number(v) <= 100),
  'limit must be an integer from 1 to 100',
).optional();

export function topQuerySchema(maxDays: number) {
  return z
    .strictObject({
      ...rangeShape,
      dimension: oneOf(TOP_DIMENSIONS, 'DIMENSION_INVALID', 'dimension'),
      limit,
    })
    .superRefine(checkRange(maxDays))
    .transform((query) => ({ ...query, limit: Number(query.limit ?? 10) }));
}
export type TopQuery = z.infer<ReturnType<typeof topQuerySchema>>;

/** Origin → destination pairs, the busiest first (by passes, then tonnage). */
export function flowsQuerySchema(maxDays: number) {
  return z
    .strictObject({
      ...rangeShape,
      level: oneOf(DIVISION_LEVELS, 'LEVEL_INVALID', 'level').optional(),
      limit,
    })
    .superRefine(checkRange(maxDays))
    .transform((query) => ({
      ...query,
      level: query.level ?? 'city',
      limit: Number(query.limit ?? 10),
    }));
}
export type FlowsQuery = z.infer<ReturnType<typeof flowsQuerySchema>>;

export const checkpointHourlyQuerySchema = z.strictObject({
  day: isoDate,
  region,
  checkpointCode: coded(
    'CHECKPOINT_INVALID',
    plainText(50).min(1),
    'checkpointCode must be 1 to 50 characters',
  ),
});
export type CheckpointHourlyQuery = z.infer<typeof checkpointHourlyQuerySchema>;

/** The live feed: totals of a range (today when omitted); the token may ride in the URL. */
export function streamQuerySchema(maxDays: number) {
  return z
    .strictObject({
      from: isoDate.optional(),
      to: isoDate.optional(),
      region,
      access_token: z
        .string()
        .optional()
        .describe(
          'The access token, for an EventSource, which cannot send an Authorization header.',
        ),
    })
    .superRefine((query, ctx) => {
      if (query.from && query.to) checkRange(maxDays)({ from: query.from, to: query.to }, ctx);
    });
}
export type StreamQuery = z.infer<ReturnType<typeof streamQuerySchema>>;

/**
 * The queries as the contract publishes them. The longest range is configuration
 * (REPORT_MAX_RANGE_DAYS), checked by a refinement that JSON Schema cannot carry, so every limit
 * publishes the same schema; the pipes (report-query.pipes.ts) validate with the configured one.
 */
export const publishedQueries = {
  summary: summaryQuerySchema(Infinity),
  daily: dailyQuerySchema(Infinity),
  top: topQuerySchema(Infinity),
  flows: flowsQuerySchema(Infinity),
  stream: streamQuerySchema(Infinity),
};
