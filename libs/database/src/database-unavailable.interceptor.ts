import {
  Injectable,
  ServiceUnavailableException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, throwError, type Observable } from 'rxjs';
import { isDatabaseUnavailable } from './database-unavailable';

/** Seconds a client should wait before retrying: a restarting server is usually back by then. */
const RETRY_AFTER_SECONDS = 1;

/**
 * While the database is down or restarting, a request answers 503 DATABASE_UNAVAILABLE with
 * Retry-After instead of a 500: the service itself is fine, and clients (the load tools, a
 * scanner) know to send it again. Requests that may have been committed before the connection
 * dropped carry an idempotency key (applications, scans), so sending them again is safe.
 */
@Injectable()
export class DatabaseUnavailableInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!isDatabaseUnavailable(error)) return throwError(() => error);
        const reply = context
          .switchToHttp()
          .getResponse<{ header?: (k: string, v: string) => unknown }>();
        reply.header?.('retry-after', String(RETRY_AFTER_SECONDS));
        return throwError(
          () =>
            new ServiceUnavailableException({
              code: 'DATABASE_UNAVAILABLE',
              message: 'The database is not reachable right now; try again in a moment.',
            }),
        );
      }),
    );
  }
}
