import { Controller, Get, Inject, Query, Res, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
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

  @Get('summary')
  summary(@Query(SummaryQueryPipe) query: SummaryQuery): Promise<SummaryReport> {
    return this.reports.summary(query);
  }

  @Get('daily')
  daily(@Query(DailyQueryPipe) query: DailyQuery) {
    return this.reports.daily(query);
  }

  @Get('top')
  top(@Query(TopQueryPipe) query: TopQuery) {
    return this.reports.top(query);
  }

  @Get('flows')
  flows(@Query(FlowsQueryPipe) query: FlowsQuery) {
    return this.reports.flows(query);
  }

  @Get('checkpoint-hourly')
  checkpointHourly(
    @Query(new ZodValidationPipe(checkpointHourlyQuerySchema)) query: CheckpointHourlyQuery,
  ) {
    return this.reports.checkpointHourly(query);
  }

  @Get('export.csv')
  async exportCsv(
    @Query(DailyQueryPipe) query: DailyQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const report = await this.reports.daily(query);
    const levelPart = query.by === 'origin' || query.by === 'destination' ? `-${query.level}` : '';
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="report-${query.by}${levelPart}-${query.from}-${query.to}.csv"`,
      );
    return dailyCsv(report);
  }

  /**
   * Server-Sent Events: the summary of a range (today, local, by default) at once and again,
   * at most once per debounce interval, after batches change it.
   */
  @Sse('stream')
  stream(@Query(StreamQueryPipe) query: StreamQuery): Observable<MessageEvent> {
    const range = (): SummaryQuery => {
      const today = this.buckets.today();
      return { from: query.from ?? today, to: query.to ?? query.from ?? today };
    };
    return merge(
      of(undefined),
      this.changed.changes.pipe(auditTime(this.config.streamDebounceMs)),
    ).pipe(
      switchMap(() => from(this.reports.summary(range()))),
      map((summary) => JSON.stringify(summary)),
      distinctUntilChanged(),
      map((data) => ({ type: 'summary', data })),
    );
  }
}
