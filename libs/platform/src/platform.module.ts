import { Module, type DynamicModule } from '@nestjs/common';
import { Clock } from './clock';
import { HEALTH_OPTIONS, HealthController, type HealthOptions } from './health.controller';
import { METRICS_ACCESS, MetricsController } from './metrics.controller';
import { ServiceLogger } from './service-logger';

export interface PlatformOptions {
  serviceName: string;
  logLevel: string;
  /** The bearer token /metrics requires; without one /metrics answers 404 (docs/operations.md). */
  metricsToken?: string;
  /**
   * The service does its job while Kafka is away (its events wait in the outbox), so a broker
   * outage leaves /health/ready at 200. Default false: Kafka gates readiness.
   */
  readyWithoutKafka?: boolean;
}

/**
 * What every service has: JSON logs (see ServiceLogger), /health/live, /health/ready and /metrics,
 * and the Clock its rules read (global, so every feature module injects the same one).
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      providers: [
        Clock,
        {
          provide: ServiceLogger,
          useValue: new ServiceLogger({
            serviceName: options.serviceName,
            level: options.logLevel,
          }),
        },
        { provide: METRICS_ACCESS, useValue: { token: options.metricsToken } },
        {
          provide: HEALTH_OPTIONS,
          useValue: {
            readyWithoutKafka: options.readyWithoutKafka ?? false,
          } satisfies HealthOptions,
        },
      ],
      exports: [ServiceLogger, Clock],
      controllers: [HealthController, MetricsController],
    };
  }
}
