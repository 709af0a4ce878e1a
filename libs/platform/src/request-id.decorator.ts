import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/**
 * The id of the HTTP request being served (the X-Request-Id the caller gets back), for a route
 * whose use case records it without a signed-in user (an authenticated user carries it as
 * `requestId`). Passed explicitly: an AsyncLocalStorage would cost every promise of the process
 * a hook on Node 20.
 */
export const RequestId = createParamDecorator(
  (_: unknown, context: ExecutionContext): string =>
    context.switchToHttp().getRequest<{ id: string }>().id,
);
