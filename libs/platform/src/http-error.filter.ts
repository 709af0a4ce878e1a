import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { isDatabaseUnavailable } from '@app/database';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error';
import { errorLanguageOf, errorMessageIn } from './error-language';

/** Seconds a client should wait before retrying: a restarting database is usually back by then. */
const RETRY_AFTER_SECONDS = 1;

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

export const CODES_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'UNAVAILABLE',
};

/**
 * The one error format of every service: `{ statusCode, code, message }`, never a stack trace.
 * The message is in Chinese for a client whose Accept-Language prefers it (error-language.ts);
 * the code is the same in every language.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (body.code === 'DATABASE_UNAVAILABLE') void reply.header('retry-after', RETRY_AFTER_SECONDS);
    if (exception instanceof AppError && exception.retryAfterSeconds !== undefined)
      void reply.header('retry-after', exception.retryAfterSeconds);
    if (body.statusCode >= 500) {
      // The request id the client got in X-Request-Id, so its report leads to this line.
      const requestId = http.getRequest<FastifyRequest>().id;
      // A 503 is a known, passing state (the database restarting): one line, no stack.
      if (body.statusCode === 503) this.logger.warn(`${requestId} ${body.code}: ${body.message}`);
      else
        this.logger.error(
          `${requestId} ${exception instanceof Error ? exception.stack : String(exception)}`,
        );
    }
    // Logged in English above; answered in the reader's language.
    const language = errorLanguageOf(http.getRequest<FastifyRequest>().headers['accept-language']);
    const params =
      exception instanceof AppError
        ? { ...exception.params, retryAfterSeconds: exception.retryAfterSeconds }
        : {};
    body.message = errorMessageIn(language, body, params);
    void reply
      .status(body.statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-language', language === 'zh' ? 'zh-CN' : 'en')
      .send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof AppError) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const { code, message } = (
        typeof response === 'object' && response !== null ? response : {}
      ) as {
        code?: unknown;
        message?: unknown;
      };
      // Only exceptions that carry our own code speak for themselves: the framework's messages
      // repeat the request back ("Cannot GET /v1/…", a JSON parser's excerpt of the body).
      if (typeof code === 'string' && typeof message === 'string') {
        return { statusCode: status, code, message };
      }
      const fallback = typeof code === 'string' ? code : defaultCode(status, exception.message);
      return {
        statusCode: status,
        code: fallback,
        message: MESSAGES_BY_CODE[fallback] ?? `The request was refused (HTTP ${status}).`,
      };
    }
    // While PostgreSQL is down or restarting the service itself is fine: 503, and clients send
    // again (applications and scans carry idempotency keys, so a retry is safe).
    if (isDatabaseUnavailable(exception)) {
      return {
        statusCode: 503,
        code: 'DATABASE_UNAVAILABLE',
        message: 'The database is not reachable right now; try again in a moment.',
      };
    }
    return {
      statusCode: 500,
      code: 'INTERNAL',
      message: 'Something went wrong on our side; it has been logged.',
    };
  }
}

export const MESSAGES_BY_CODE: Readonly<Record<string, string>> = {
  BODY_NOT_JSON: 'The body is not valid JSON.',
  NOT_FOUND: 'There is no such route.',
  METHOD_NOT_ALLOWED: 'This route does not take that method.',
  PAYLOAD_TOO_LARGE: 'The body is larger than this service accepts.',
  UNSUPPORTED_MEDIA_TYPE: 'This media type is not accepted; send application/json.',
};

/**
 * Nest turns Fastify's own errors (bad JSON, body too large, wrong media type) into plain
 * HttpExceptions; this gives them the stable codes clients rely on.
 */
function defaultCode(status: number, message: string): string {
  if (status === 400 && /JSON/.test(message)) return 'BODY_NOT_JSON';
  return CODES_BY_STATUS[status] ?? `HTTP_${status}`;
}
