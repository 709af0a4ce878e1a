import { Controller, Get, Header, Headers, Inject, Res, type OnModuleInit } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import type { FastifyReply } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { register } from 'prom-client';
import { AppError } from './app-error';
import { Contract } from './openapi/operation-contract';
import { ServiceLogger } from './service-logger';

/** Injection token of `{ token?: string }`: the scrape token (METRICS_TOKEN), if any. */
export const METRICS_ACCESS = Symbol('METRICS_ACCESS');
export interface MetricsAccess {
  token?: string;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Prometheus text: process, HTTP and Kafka (consumer lag, outbox, dead letters) metrics. They tell
 * load, routes, partitions and failure rates to whoever reads them, so only a scraper holding
 * METRICS_TOKEN does: `Authorization: Bearer <token>`, else 401. Without a token configured the
 * route is off (404), closed by default like the rest of the API rather than open by omission.
 */
@ApiTags('operations')
@Controller()
export class MetricsController implements OnModuleInit {
  private readonly expected?: Buffer;

  constructor(
    @Inject(METRICS_ACCESS) access: MetricsAccess,
    private readonly logger: ServiceLogger,
  ) {
    // Compared as digests: equal lengths for timingSafeEqual, and nothing learnt from timing.
    this.expected = access.token === undefined ? undefined : digest(access.token);
  }

  onModuleInit(): void {
    if (!this.expected)
      this.logger.warn('METRICS_TOKEN is not set: /metrics answers 404', 'Metrics');
  }

  @Contract({
    summary: 'Prometheus metrics',
    description:
      'Needs `Authorization: Bearer <METRICS_TOKEN>` (the scrape token, not an access token); off (404) while METRICS_TOKEN is unset.',
    responses: { 200: { media: 'text/plain', description: 'Prometheus text exposition format' } },
    errors: { 401: ['METRICS_TOKEN_INVALID'], 404: ['METRICS_DISABLED'] },
  })
  @Public()
  @ApiBearerAuth()
  @Get('metrics')
  @Header('content-type', register.contentType)
  metrics(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (!this.expected) {
      throw AppError.notFound(
        'METRICS_DISABLED',
        '/metrics is off: set METRICS_TOKEN to enable it',
      );
    }
    const presented = /^Bearer +(\S+) *$/i.exec(authorization ?? '')?.[1];
    if (presented === undefined || !timingSafeEqual(digest(presented), this.expected)) {
      void reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new AppError(
        401,
        'METRICS_TOKEN_INVALID',
        '/metrics needs Authorization: Bearer <METRICS_TOKEN>',
      );
    }
    return register.metrics();
  }
}
