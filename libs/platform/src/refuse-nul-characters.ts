import type { FastifyInstance } from 'fastify';
import { errorLanguageOf, errorMessageIn } from './error-language';

/**
 * PostgreSQL text cannot hold U+0000, so a NUL inside any string of a body or query would surface
 * as a database error (a 500) wherever a route stores free text. It is refused at the edge, for
 * every route, with the one error format.
 */
export function refuseNulCharacters(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', async (request, reply) => {
    if (holdsNul(request.body) || holdsNul(request.query)) {
      const code = 'CONTROL_CHARACTER';
      const message = errorMessageIn(errorLanguageOf(request.headers['accept-language']), {
        code,
        message: 'Text may not contain the NUL character (U+0000); remove it and send again.',
      });
      await reply.code(400).send({ statusCode: 400, code, message });
    }
  });
}

function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  const entries = Array.isArray(value) ? value : Object.entries(value).flat();
  return entries.some((v) => holdsNul(v, depth + 1));
}
