import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

/**
 * Browser libraries the unbuilt pages load, served from node_modules so no CDN is needed
 * offline. The build bundles only the parts of ECharts the dashboard uses
 * (apps/reporting-service/web/echarts-parts.js); unbuilt, the dashboard gets the whole library.
 */
const VENDOR_FILES: Record<string, string> = {
  'echarts.js': 'echarts/dist/echarts.min.js',
  'jsQR.js': 'jsqr/dist/jsQR.js',
};

/**
 * The pages' template library, imported as ES modules from `/vendor/lit-html/…` (its browser
 * build: the package's top-level files and `directives/`). The build bundles it into each page.
 */
const LIT_HTML_FILE = /^\/(?:directives\/)?[a-z-]+\.js$/;

/** The lit-html package's folder (its `node` export sits one level down). */
function litHtmlDir(): string {
  for (let dir = path.dirname(require.resolve('lit-html')); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'lit-html.d.ts'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('lit-html is not installed');
  }
}

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
  // A scope of their own: compression applies to the page files only. Measured in the bench, its
  // hooks on every API route cost about a fifth of issuing's CPU for answers mostly under 1 KB.
  await app.register(async (scope: FastifyInstance) => {
    // Text over 1 KB as brotli or gzip when the client asks (the sources, /shared/, /vendor/);
    // the built pages are compressed on disk already.
    await scope.register(compress, {
      encodings: ['br', 'gzip'],
      threshold: 1024,
      globalDecompression: false,
      brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
    });
    await servePageFiles(scope, pagesDir);
  });
}

async function servePageFiles(scope: FastifyInstance, pagesDir: string): Promise<void> {
  const built = findBuiltPagesDir(pagesDir);
  await scope.register(fastifyStatic, {
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
    await scope.register(fastifyStatic, {
      root: shared,
      prefix: '/shared/',
      decorateReply: false,
      wildcard: false,
      setHeaders: (reply) => void reply.header('cache-control', 'no-cache'),
    });
  }
  await scope.register(fastifyStatic, {
    root: litHtmlDir(),
    prefix: '/vendor/lit-html/',
    decorateReply: false,
    wildcard: false,
    allowedPath: (pathName) => LIT_HTML_FILE.test(pathName),
    setHeaders: (reply) => void reply.header('cache-control', 'public, max-age=86400'),
  });
  for (const [name, file] of Object.entries(VENDOR_FILES)) {
    const body = readFileSync(require.resolve(file));
    scope.get(`/vendor/${name}`, (_request, reply) =>
      reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(body),
    );
  }
}
