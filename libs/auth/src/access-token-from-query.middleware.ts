import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TOKEN_PARAM = 'access_token';

/**
 * A browser's EventSource cannot send an Authorization header, so a live feed (and only a live
 * feed: apply it to those routes alone) also takes the access token as `?access_token=`. It is
 * moved into the header the global guard reads (and checked there like any other token), and cut
 * from the URL the request log prints.
 */
@Injectable()
export class AccessTokenFromQueryMiddleware implements NestMiddleware {
  use(request: IncomingMessage, _response: ServerResponse, next: () => void): void {
    if (request.url) {
      const url = new URL(request.url, 'http://localhost');
      const token = url.searchParams.get(TOKEN_PARAM);
      if (token !== null) {
        if (request.headers.authorization === undefined)
          request.headers.authorization = `Bearer ${token}`;
        url.searchParams.delete(TOKEN_PARAM);
        request.url = `${url.pathname}${url.search}`;
      }
    }
    next();
  }
}
