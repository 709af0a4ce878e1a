import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { ServiceLogger } from './service-logger';

export interface PlatformOptions {
  serviceName: string;
  logLevel: string;
}

/** What every service has: JSON logs (see ServiceLogger), /health and /metrics. */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        {
          provide: ServiceLogger,
          useValue: new ServiceLogger({
            serviceName: options.serviceName,
            level: options.logLevel,
          }),
        },
      ],
      exports: [ServiceLogger],
      controllers: [HealthController, MetricsController],
    };
  }
}
