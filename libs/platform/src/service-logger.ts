import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';

export interface ServiceLoggerOptions {
  serviceName: string;
  /** pino's level names: fatal, error, warn, info, debug, trace, silent. */
  level: string;
}

/** Routes polled by probes and scrapers: logging each call would drown everything else. */
const QUIET_PATHS = new Set(['/health', '/metrics']);

/**
 * Route config (`@RouteConfig(SECRET_IN_URL)` from @nestjs/platform-fastify) of a route whose URL
 * carries a secret (a shared pass's link): its log line shows the route's pattern, not the URL.
 */
export const SECRET_IN_URL = { secretInUrl: true } as const;
const hidesUrl = (config: unknown): boolean =>
  (config as { secretInUrl?: boolean } | undefined)?.secretInUrl === true;

/**
 * The one logger of a service: pino, JSON lines on stdout, each with the service's name. Nest's
 * own logs (`new Logger(context)`) go through it with their context, and each HTTP request is
 * one `request completed` line at info level, written from a Fastify hook: no per-request
 * middleware or child logger, so a request costs nothing here when info is off.
 */
export class ServiceLogger implements LoggerService {
  private readonly pino: Logger;

  constructor(options: ServiceLoggerOptions) {
    this.pino = pino({ level: options.level, base: { service: options.serviceName } });
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** One line per answered request, with the request id a caller can quote. */
  logRequests(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (request, reply, done) => {
      if (this.pino.isLevelEnabled('info') && !QUIET_PATHS.has(request.routeOptions.url ?? '')) {
        this.pino.info(
          {
            reqId: request.id,
            method: request.method,
            url: hidesUrl(request.routeOptions.config) ? request.routeOptions.url : request.url,
            statusCode: reply.statusCode,
            responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
          },
          'request completed',
        );
      }
      done();
    });
  }

  /**
   * Nest calls `logger.error(message, stack?, context?)` and the others `(message, context?)`;
   * the last string argument is the context.
   */
  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    if (message instanceof Error) {
      this.pino[level]({ context, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ context, ...message });
    } else {
      this.pino[level]({ context, ...(stack ? { stack } : {}) }, String(message));
    }
  }
}
