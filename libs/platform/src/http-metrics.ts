import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, register } from 'prom-client';

let registered = false;

const httpDuration = new Histogram({
  name: 'epass_http_request_duration_seconds',
  help: 'HTTP request duration by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [
    0.001, 0.0025, 0.005, 0.01, 0.015, 0.02, 0.025, 0.035, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5,
  ],
});

/** Times every request by its route pattern (not its URL, which would explode the label set). */
export function instrumentHttp(fastify: FastifyInstance): void {
  if (!registered) {
    collectDefaultMetrics({ register });
    registered = true;
  }
  fastify.addHook('onResponse', (request, reply, done) => {
    httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
