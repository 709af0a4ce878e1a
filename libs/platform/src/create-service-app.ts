import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import multipart from '@fastify/multipart';
import { SwaggerModule } from '@nestjs/swagger';
import { KafkaEventServer } from '@app/messaging';
import { HttpErrorFilter } from './http-error.filter';
import { instrumentHttp } from './http-metrics';
import { describeApi } from './openapi/api-document';
import { servePages } from './pages';
import { refuseNulCharacters } from './refuse-nul-characters';
import {
  answerRouterRefusal,
  answerUnparsedRequest,
  refuseInvalidPreflight,
} from './refused-before-routing';
import { applySecurityHeaders } from './security-headers';
import { ServiceLogger } from './service-logger';

export interface ServiceAppOptions {
  title: string;
  description: string;
  /** Bodies above this are refused with 413 before any parsing. */
  bodyLimitBytes?: number;
  /** The directory of the service's page (apps/<service>/web), served at `/`. */
  pagesDir?: string;
  /** Browser origins allowed to call the API (another service's page logging in here). */
  corsOrigins?: string[];
  /**
   * Reverse proxies (addresses, CIDR ranges) whose X-Forwarded-For sets `request.ip`. Without
   * any, `request.ip` is the socket's address and a client cannot choose it.
   */
  trustedProxies?: string[];
  /** Origins the pages may call besides their own (Content-Security-Policy connect-src). */
  pageConnectOrigins?: string[];
  /** `<style>` texts a page writes into a document of its own (allowed by hash in style-src). */
  pageInlineStyles?: string[];
  /**
   * Accept multipart/form-data uploads of one file of at most this size (a route reads it with
   * `request.file()`); without it, multipart bodies are refused like any other non-JSON body.
   */
  uploadFileBytes?: number;
  /**
   * Told of every answer as it is sent (the e2e suites check each against the published
   * contract, test/support/contract-check.ts).
   */
  answerObserver?: (answer: ObservedAnswer) => void;
}

export interface ObservedAnswer {
  method: string;
  /** The route's pattern (`/v1/passes/:id`); undefined when no route matched. */
  route: string | undefined;
  status: number;
  contentType: string;
  /** The body as sent, when it was text or bytes (not a stream). */
  payload: string | Buffer | undefined;
}

/**
 * Builds a service exactly as it runs: Fastify, the error format, JSON logs, metrics, OpenAPI at
 * /docs, graceful shutdown, and the Kafka consumer attached. main.ts and the e2e tests both use it.
 */
export async function createServiceApp(
  module: Parameters<typeof NestFactory.create>[0],
  options: ServiceAppOptions,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 64 * 1024,
    // A caller's X-Request-Id is kept so one id follows a request across services and logs.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    clientErrorHandler: answerUnparsedRequest,
    frameworkErrors: answerRouterRefusal,
    trustProxy: options.trustedProxies?.length ? options.trustedProxies : false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    bufferLogs: true,
  });
  const logger = app.get(ServiceLogger);
  app.useLogger(logger);
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  if (options.corsOrigins?.length) {
    app.enableCors({
      origin: options.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key'],
      maxAge: 600,
    });
  }
  const fastify = app.getHttpAdapter().getInstance();
  if (options.corsOrigins?.length) refuseInvalidPreflight(fastify);
  instrumentHttp(fastify);
  logger.logRequests(fastify);
  refuseNulCharacters(fastify);
  applySecurityHeaders(fastify, {
    connectOrigins: options.pageConnectOrigins,
    inlineStyles: options.pageInlineStyles,
  });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  const observe = options.answerObserver;
  if (observe) {
    fastify.addHook('onSend', async (request, reply, payload) => {
      observe({
        method: request.method,
        route: request.routeOptions.url,
        status: reply.statusCode,
        contentType: String(reply.getHeader('content-type') ?? ''),
        payload: typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : undefined,
      });
      return payload;
    });
  }
  // Before app.init: a plugin loaded after Nest has registered its routes would load them early,
  // before Nest's error handler is set, and Fastify's own errors would escape the error format.
  if (options.uploadFileBytes) {
    await fastify.register(multipart, {
      limits: { fileSize: options.uploadFileBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
    });
  }
  setUpOpenApi(app, options);
  if (options.pagesDir) await servePages(app, options.pagesDir);
  app.connectMicroservice({ strategy: app.get(KafkaEventServer) });
  // init first: it runs DatabaseModule's migrations, and a consumer started before them would
  // fail its first batches on missing tables and dead-letter real events.
  await app.init();
  await app.startAllMicroservices();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

function setUpOpenApi(app: INestApplication, options: ServiceAppOptions): void {
  SwaggerModule.setup('docs', app, () => describeApi(app, options));
}
