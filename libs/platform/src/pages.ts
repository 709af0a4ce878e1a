import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Browser libraries the pages load, served from node_modules so no CDN is needed offline. */
const VENDOR_FILES: Record<string, string> = {
  'echarts.min.js': 'echarts/dist/echarts.min.js',
  'jsQR.js': 'jsqr/dist/jsQR.js',
};

/**
 * Finds `apps/<service>/web` from wherever the code runs: the sources under ts-jest, or
 * dist/apps/<service>/src in production.
 */
export function findPagesDir(serviceName: string, from: string = __dirname): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'apps', serviceName, 'web');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Serves a service's page at `/` (static files, public: the page itself holds no data; every
 * data call it makes carries the user's access token), the code the three pages share
 * (web/shared) under `/shared/`, and the browser libraries under `/vendor/`.
 */
export async function servePages(app: NestFastifyApplication, pagesDir: string): Promise<void> {
  await app.register(import('@fastify/static'), {
    root: pagesDir,
    prefix: '/',
    index: ['index.html'],
    wildcard: false,
    // The shell must be revalidated so a new version reaches scanners; assets may be cached.
    setHeaders: (reply, file) => {
      void reply.header(
        'cache-control',
        file.endsWith('.html') ? 'no-cache' : 'public, max-age=3600',
      );
    },
  });
  const shared = path.resolve(pagesDir, '..', '..', '..', 'web', 'shared');
  if (existsSync(shared)) {
    await app.register(import('@fastify/static'), {
      root: shared,
      prefix: '/shared/',
      decorateReply: false,
      wildcard: false,
      setHeaders: (reply) => void reply.header('cache-control', 'no-cache'),
    });
  }
  const fastify = app.getHttpAdapter().getInstance();
  for (const [name, file] of Object.entries(VENDOR_FILES)) {
    const body = readFileSync(require.resolve(file));
    fastify.get(`/vendor/${name}`, (_request, reply) =>
      reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(body),
    );
  }
}
