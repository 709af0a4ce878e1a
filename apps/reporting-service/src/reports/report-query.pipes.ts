import { Inject, Injectable } from '@nestjs/common';
import { ZodValidationPipe } from '@app/platform';
import { REPORTS_CONFIG, type ReportsConfig } from '../config/reporting-service.config';
import {
  dailyQuerySchema,
  flowsQuerySchema,
  streamQuerySchema,
  summaryQuerySchema,
  topQuerySchema,
} from './report-queries';

/** Query pipes whose limits (the longest range) come from configuration. */
@Injectable()
export class SummaryQueryPipe extends ZodValidationPipe<ReturnType<typeof summaryQuerySchema>> {
  constructor(@Inject(REPORTS_CONFIG) config: ReportsConfig) {
    super(summaryQuerySchema(config.maxRangeDays));
  }
}

@Injectable()
export class DailyQueryPipe extends ZodValidationPipe<ReturnType<typeof dailyQuerySchema>> {
  constructor(@Inject(REPORTS_CONFIG) config: ReportsConfig) {
    super(dailyQuerySchema(config.maxRangeDays));
  }
}

@Injectable()
export class TopQueryPipe extends ZodValidationPipe<ReturnType<typeof topQuerySchema>> {
  constructor(@Inject(REPORTS_CONFIG) config: ReportsConfig) {
    super(topQuerySchema(config.maxRangeDays));
  }
}

@Injectable()
export class StreamQueryPipe extends ZodValidationPipe<ReturnType<typeof streamQuerySchema>> {
  constructor(@Inject(REPORTS_CONFIG) config: ReportsConfig) {
    super(streamQuerySchema(config.maxRangeDays));
  }
}

@Injectable()
export class FlowsQueryPipe extends ZodValidationPipe<ReturnType<typeof flowsQuerySchema>> {
  constructor(@Inject(REPORTS_CONFIG) config: ReportsConfig) {
    super(flowsQuerySchema(config.maxRangeDays));
  }
}
