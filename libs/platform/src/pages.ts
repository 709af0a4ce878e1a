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
 * The page as `scripts/build-pages.mjs` built it (bundled, minified, hashed names, .br/.gz beside
 * each file): dist/web/<service> next to apps/<service>/web, when it exists.
 */
export function findBuiltPagesDir(pagesDir: string): string | undefined {
  const service = path.basename(path.dirname(pagesDir));
  const built = path.resolve(pagesDir, '..', '..', '..', 'dist', 'web', service);
  return existsSync(path.join(built, 'index.html')) ? built : undefined;
}

/** A built file whose name carries its content's hash never changes: cache it for a year. */
const HASHED = /-[0-9a-f]{10}\.(?:js|css)$/;

/**
 * Serves a service's page at `/` (static files, public: the page itself holds no data; every
 * data call it makes carries the user's access token): the built page when there is one, else the
 * sources. The code the three pages share (web/shared) stays under `/shared/` and the browser
 * libraries under `/vendor/`, for the sources and for scanners whose service worker still holds
 * an older page.
 */
export async function servePages(app: NestFastifyApplication, pagesDir: string): Promise<void> {
  const built = findBuiltPagesDir(pagesDir);
  await app.register(import('@fastify/static'), {
    root: built ?? pagesDir,
    prefix: '/',
    index: ['index.html'],
    wildcard: false,
    // Built files have .br and .gz siblings: sent as they are, nothing compressed per request.
    preCompressed: built !== undefined,
    // The shell (and the scanner's service worker) must be revalidated so a new version reaches
    // scanners; hashed assets never change; the sources' assets may be cached for an hour.
    setHeaders: (reply, sent) => {
      const file = sent.replace(/\.(?:br|gz)$/, '');
      void reply.header(
        'cache-control',
        file.endsWith('.html') || file.endsWith('sw.js')
          ? 'no-cache'
          : HASHED.test(file) && built
            ? 'public, max-age=31536000, immutable'
            : 'public, max-age=3600',
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
