import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';

export interface PlatformOptions {
  serviceName: string;
  logLevel: string;
}

/** What every service has: JSON logs with a request id, /health and /metrics. */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.logLevel,
            base: { service: options.serviceName },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
          },
          exclude: [
            { method: RequestMethod.GET, path: 'health' },
            { method: RequestMethod.GET, path: 'metrics' },
          ],
        }),
      ],
      controllers: [HealthController, MetricsController],
    };
  }
}
