import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorLanguageOf, errorMessageIn } from './error-language';
import type { ErrorBody } from './http-error.filter';

/**
 * Requests refused before any route, and so before Nest's error filter, still get the one error
 * format `{ statusCode, code, message }`.
 *
 * Node's HTTP parser refuses a request line and headers over its limit (16 KB by default, so a
 * 20 KB query string), a request that does not arrive in time, and bytes that are not HTTP. No
 * request exists yet, so the answer is in English, and the connection is closed, as Node's own
 * answer does.
 */
export function answerUnparsedRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A connection reset by the client: there is nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const body = unparsedRequestBody(error.code);
  if (socket.writable) {
    const json = JSON.stringify(body);
    socket.write(
      [
        `HTTP/1.1 ${body.statusCode} ${STATUS_CODES[body.statusCode]}`,
        'Connection: close',
        'Content-Type: application/json; charset=utf-8',
        'X-Content-Type-Options: nosniff',
        `Content-Length: ${Buffer.byteLength(json)}`,
        '',
        json,
      ].join('\r\n'),
    );
  }
  socket.destroy(error);
}

function unparsedRequestBody(parserCode: string | undefined): ErrorBody {
  if (parserCode === 'HPE_HEADER_OVERFLOW') {
    return {
      statusCode: 431,
      code: 'HEADERS_TOO_LARGE',
      message:
        'The request line and headers are larger than this service accepts (16 KB): shorten the query or the headers.',
    };
  }
  if (parserCode === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      statusCode: 408,
      code: 'REQUEST_TIMEOUT',
      message: 'The request did not arrive in time; send it again.',
    };
  }
  return { statusCode: 400, code: 'BAD_REQUEST', message: 'The request is not valid HTTP.' };
}

/**
 * Fastify's router refuses a URL that does not decode (a stray `%`) and a path parameter over
 * its length limit (100 characters) before matching a route. Here the request exists, so the
 * message is in the client's language, as the error filter's are.
 */
export function answerRouterRefusal(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  void sendError(request, reply, routerRefusalBody(error.code));
}

/** What @fastify/cors answers, as text/plain, to an OPTIONS request that is no preflight. */
const CORS_PREFLIGHT_REFUSAL = 'Invalid Preflight Request';

/**
 * With CORS on, an OPTIONS request is a preflight: @fastify/cors answers one without `Origin` or
 * `Access-Control-Request-Method` with a plain-text 400, from a request hook Nest's adapter adds
 * before any of ours can run. This puts that answer in the error format on its way out.
 */
export function refuseInvalidPreflight(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (
      request.method !== 'OPTIONS' ||
      reply.statusCode !== 400 ||
      payload !== CORS_PREFLIGHT_REFUSAL
    ) {
      return payload;
    }
    const body = errorIn(request, {
      statusCode: 400,
      code: 'PREFLIGHT_INVALID',
      message:
        'OPTIONS is a CORS preflight here: send Origin and Access-Control-Request-Method, as browsers do.',
    });
    void withErrorHeaders(request, reply);
    return JSON.stringify(body);
  });
}

function sendError(request: FastifyRequest, reply: FastifyReply, body: ErrorBody): FastifyReply {
  return withErrorHeaders(request, reply).status(body.statusCode).send(errorIn(request, body));
}

/** The body with its message in the client's language (Accept-Language). */
function errorIn(request: FastifyRequest, body: ErrorBody): ErrorBody {
  return {
    ...body,
    message: errorMessageIn(errorLanguageOf(request.headers['accept-language']), body),
  };
}

function withErrorHeaders(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const language = errorLanguageOf(request.headers['accept-language']);
  return reply
    .header('content-type', 'application/json; charset=utf-8')
    .header('content-language', language === 'zh' ? 'zh-CN' : 'en')
    .header('x-content-type-options', 'nosniff');
}

function routerRefusalBody(fastifyCode: string): ErrorBody {
  switch (fastifyCode) {
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return {
        statusCode: 414,
        code: 'URL_TOO_LONG',
        message: 'A part of the URL path is longer than any identifier this service knows.',
      };
    case 'FST_ERR_BAD_URL':
      return {
        statusCode: 400,
        code: 'URL_INVALID',
        message: 'The URL is not valid: a % must start an escape such as %20.',
      };
    default:
      // The one other framework error is an async route constraint's, and no route has one.
      return {
        statusCode: 500,
        code: 'INTERNAL',
        message: 'Something went wrong on our side; it has been logged.',
      };
  }
}
