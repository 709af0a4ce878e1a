import { Module, type DynamicModule } from '@nestjs/common';
import { REPORTS_CONFIG, type ReportsConfig } from './reporting-service.config';

/** Makes the `reports` configuration injectable everywhere in the service. */
@Module({})
export class ReportsConfigModule {
  static forRoot(config: ReportsConfig): DynamicModule {
    return {
      module: ReportsConfigModule,
      global: true,
      providers: [{ provide: REPORTS_CONFIG, useValue: config }],
      exports: [REPORTS_CONFIG],
    };
  }
}
