import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * The id of the HTTP request being served (the X-Request-Id the caller got back), or null
 * outside a request (a Kafka batch, a start-up task). The audit trail records it, so an
 * entry leads to the request's log lines.
 */
export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

/**
 * Entered in preHandler, after the body is parsed: a body parser's stream callbacks would run
 * outside a context entered any earlier.
 */
export function trackRequestContext(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    storage.run({ requestId: request.id }, done);
  });
}
