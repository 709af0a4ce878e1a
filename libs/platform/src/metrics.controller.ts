import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { register } from 'prom-client';

/** Prometheus text: process, HTTP and Kafka (consumer lag, outbox, dead letters) metrics. */
@ApiTags('operations')
@Controller()
export class MetricsController {
  @Public()
  @Get('metrics')
  @Header('content-type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
