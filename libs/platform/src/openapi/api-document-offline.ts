import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { describeApi, handlerInputs, type ApiInfo } from './api-document';

/**
 * A service's OpenAPI description without a database or a broker: Nest's preview mode resolves
 * the modules and routes but instantiates nothing. `npm run openapi` and the contract test use it.
 */
export async function describeApiOffline(
  module: Parameters<typeof NestFactory.create>[0],
  info: ApiInfo,
): Promise<{ document: OpenAPIObject; inputs: ReturnType<typeof handlerInputs> }> {
  const app = await NestFactory.create(module, new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  try {
    return { document: describeApi(app, info), inputs: handlerInputs(app) };
  } finally {
    await app.close();
  }
}
