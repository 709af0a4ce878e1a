import { Controller, Get, Inject, Query, Res, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { TEXT_INVALID } from '@app/contracts';
import { Contract, ZodValidationPipe } from '@app/platform';
import type { FastifyReply } from 'fastify';
import {
  auditTime,
  distinctUntilChanged,
  from,
  map,
  merge,
  of,
  switchMap,
  type Observable,
} from 'rxjs';
import { AggregatesChanged } from '../aggregates/aggregates-changed';
import { LocalTimeBuckets } from '../aggregates/local-time';
import { REPORTS_CONFIG, type ReportsConfig } from '../config/reporting-service.config';
import { dailyCsv } from './daily-csv';
import {
  checkpointHourlyQuerySchema,
  publishedQueries,
  type CheckpointHourlyQuery,
  type DailyQuery,
  type FlowsQuery,
  type StreamQuery,
  type SummaryQuery,
  type TopQuery,
} from './report-queries';
import {
  DailyQueryPipe,
  FlowsQueryPipe,
  StreamQueryPipe,
  SummaryQueryPipe,
  TopQueryPipe,
} from './report-query.pipes';
import { reportScope } from './report-scope';
import {
  checkpointHourlyReportSchema,
  dailyReportSchema,
  flowsReportSchema,
  summaryReportSchema,
  topReportSchema,
  type CheckpointHourlyReport,
  type DailyReport,
  type FlowsReport,
  type SummaryReport,
  type TopReport,
} from './report-views';
import { ReportsService } from './reports.service';

/** Every report answers these besides the query's own field codes. */
const reportErrors = {
  400: ['RANGE_INVALID', 'RANGE_TOO_LONG'],
  403: ['SCOPE_EXCEEDED'],
} as const;

/** What every report's description says about what it covers. */
const SCOPE_NOTE =
  "Covers the caller's jurisdiction (nationwide for an admin), or the `region` asked for inside it; a region outside or wider is 403 SCOPE_EXCEEDED, never quietly narrowed. Days are local dates in REPORT_TZ (Asia/Shanghai by default).";
const RANGE_NOTE = `${SCOPE_NOTE} A range runs from \`from\` to \`to\`, both included, and spans at most REPORT_MAX_RANGE_DAYS days (RANGE_TOO_LONG).`;

@ApiTags('reports')
@ApiBearerAuth()
@Roles('official', 'admin')
@Controller('v1/reports')
export class ReportsController {
  private readonly buckets: LocalTimeBuckets;

  constructor(
    private readonly reports: ReportsService,
    private readonly changed: AggregatesChanged,
    @Inject(REPORTS_CONFIG) private readonly config: ReportsConfig,
  ) {
    this.buckets = new LocalTimeBuckets(config.timeZone);
  }

  // Every report covers the caller's jurisdiction, or a region inside it (report-scope.ts).

  @Contract({
    summary: 'Totals of a date range: passes, tonnage and scans',
    description: RANGE_NOTE,
    query: publishedQueries.summary,
    responses: { 200: summaryReportSchema },
    errors: reportErrors,
  })
  @Get('summary')
  summary(
    @CurrentUser() user: AuthenticatedUser,
    @Query(SummaryQueryPipe) query: SummaryQuery,
  ): Promise<SummaryReport> {
    return this.reports.summary(query, reportScope(user, query.region));
  }

  @Contract({
    summary: 'Totals per day and group (cargo, origin, destination, checkpoint or enterprise)',
    description: `${RANGE_NOTE}\n\nOrigins and destinations roll up to \`level\` (county by default); \`level\` with another \`by\` is LEVEL_INVALID.`,
    query: publishedQueries.daily,
    responses: { 200: dailyReportSchema },
    errors: { ...reportErrors, 400: [...reportErrors[400], 'LEVEL_INVALID'] },
  })
  @Get('daily')
  daily(
    @CurrentUser() user: AuthenticatedUser,
    @Query(DailyQueryPipe) query: DailyQuery,
  ): Promise<DailyReport> {
    return this.reports.daily(query, reportScope(user, query.region));
  }

  @Contract({
    summary: 'The busiest enterprises (by passes) or checkpoints (by scans) of a range',
    description: RANGE_NOTE,
    query: publishedQueries.top,
    responses: { 200: topReportSchema },
    errors: reportErrors,
  })
  @Get('top')
  top(
    @CurrentUser() user: AuthenticatedUser,
    @Query(TopQueryPipe) query: TopQuery,
  ): Promise<TopReport> {
    return this.reports.top(query, reportScope(user, query.region));
  }

  @Contract({
    summary: 'The busiest origin → destination pairs of a range (by passes, then tonnage)',
    description: `${RANGE_NOTE}\n\nDivisions roll up to \`level\` (city by default).`,
    query: publishedQueries.flows,
    responses: { 200: flowsReportSchema },
    errors: reportErrors,
  })
  @Get('flows')
  flows(
    @CurrentUser() user: AuthenticatedUser,
    @Query(FlowsQueryPipe) query: FlowsQuery,
  ): Promise<FlowsReport> {
    return this.reports.flows(query, reportScope(user, query.region));
  }

  @Contract({
    summary: "One checkpoint's scans and tonnage by local hour of a day",
    description: SCOPE_NOTE,
    query: checkpointHourlyQuerySchema,
    responses: { 200: checkpointHourlyReportSchema },
    errors: { 400: [TEXT_INVALID], 403: reportErrors[403] },
  })
  @Get('checkpoint-hourly')
  checkpointHourly(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(checkpointHourlyQuerySchema)) query: CheckpointHourlyQuery,
  ): Promise<CheckpointHourlyReport> {
    return this.reports.checkpointHourly(query, reportScope(user, query.region));
  }

  @Contract({
    summary: 'The daily report as a CSV file',
    description: `${RANGE_NOTE}\n\nThe same query and rows as GET /v1/reports/daily.`,
    query: publishedQueries.daily,
    responses: {
      200: {
        media: 'text/csv',
        description:
          'UTF-8, a header line then one line per day and group: day, group, group_name, passes_issued, passes_revoked, cross_province_passes, tonnage_declared_t, scans_accepted, scans_rejected, tonnage_through_checkpoints_t (tons with three decimals). Sent as an attachment named after the region, grouping and range.',
      },
    },
    errors: { ...reportErrors, 400: [...reportErrors[400], 'LEVEL_INVALID'] },
  })
  @Get('export.csv')
  async exportCsv(
    @CurrentUser() user: AuthenticatedUser,
    @Query(DailyQueryPipe) query: DailyQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const scope = reportScope(user, query.region);
    const report = await this.reports.daily(query, scope);
    const levelPart = query.by === 'origin' || query.by === 'destination' ? `-${query.level}` : '';
    const regionPart = scope.region ? `-${scope.region}` : '';
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="report${regionPart}-${query.by}${levelPart}-${query.from}-${query.to}.csv"`,
      );
    return dailyCsv(report);
  }

  /**
   * Server-Sent Events: the summary of a range (today, local, by default) at once and again,
   * at most once per debounce interval, after batches change it.
   */
  @Contract({
    summary: 'Live totals: the summary again whenever new events change it (Server-Sent Events)',
    description: `${RANGE_NOTE}\n\nThe range is today (local) unless \`from\`/\`to\` are given. An EventSource cannot send headers, so the access token may ride in \`access_token\`.`,
    query: publishedQueries.stream,
    responses: {
      200: {
        media: 'text/event-stream',
        description:
          'Events of type `summary` whose data is a SummaryReport (see components) as JSON: one at once, then one after each batch of events that changes it, at most once per REPORT_STREAM_DEBOUNCE_MS.',
      },
    },
    errors: reportErrors,
  })
  @Sse('stream')
  stream(
    @CurrentUser() user: AuthenticatedUser,
    @Query(StreamQueryPipe) query: StreamQuery,
  ): Observable<MessageEvent> {
    const scope = reportScope(user, query.region);
    const range = (): SummaryQuery => {
      const today = this.buckets.today();
      return { from: query.from ?? today, to: query.to ?? query.from ?? today };
    };
    return merge(
      of(undefined),
      this.changed.changes.pipe(auditTime(this.config.streamDebounceMs)),
    ).pipe(
      switchMap(() => from(this.reports.summary(range(), scope))),
      map((summary) => JSON.stringify(summary)),
      distinctUntilChanged(),
      map((data) => ({ type: 'summary', data })),
    );
  }
}
