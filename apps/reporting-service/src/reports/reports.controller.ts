import { Controller, Get, Inject, Query, Res, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { ZodValidationPipe } from '@app/platform';
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
import { ReportsService, type SummaryReport } from './reports.service';

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

  @Get('summary')
  summary(
    @CurrentUser() user: AuthenticatedUser,
    @Query(SummaryQueryPipe) query: SummaryQuery,
  ): Promise<SummaryReport> {
    return this.reports.summary(query, reportScope(user, query.region));
  }

  @Get('daily')
  daily(@CurrentUser() user: AuthenticatedUser, @Query(DailyQueryPipe) query: DailyQuery) {
    return this.reports.daily(query, reportScope(user, query.region));
  }

  @Get('top')
  top(@CurrentUser() user: AuthenticatedUser, @Query(TopQueryPipe) query: TopQuery) {
    return this.reports.top(query, reportScope(user, query.region));
  }

  @Get('flows')
  flows(@CurrentUser() user: AuthenticatedUser, @Query(FlowsQueryPipe) query: FlowsQuery) {
    return this.reports.flows(query, reportScope(user, query.region));
  }

  @Get('checkpoint-hourly')
  checkpointHourly(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(checkpointHourlyQuerySchema)) query: CheckpointHourlyQuery,
  ) {
    return this.reports.checkpointHourly(query, reportScope(user, query.region));
  }

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
