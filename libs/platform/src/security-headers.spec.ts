import Fastify, { type FastifyInstance } from 'fastify';
import { applySecurityHeaders, cspHash, pagePolicy } from './security-headers';

/** The directives of a policy, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('pagePolicy', () => {
  const policy = directives(
    pagePolicy({
      connectOrigins: ['http://127.0.0.1:3001'],
      inlineStyles: ['body { color: #000; }'],
    }),
  );

  it('loads everything from the page’s own origin and runs no inline script or eval', () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    const everything = [...policy.values()].flat();
    expect(everything).not.toContain("'unsafe-inline'");
    expect(everything).not.toContain("'unsafe-eval'");
  });

  it('allows calls to the listed origins and the listed inline styles by hash only', () => {
    expect(policy.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:3001']);
    expect(policy.get('style-src')).toEqual(["'self'", cspHash('body { color: #000; }')]);
  });
});

describe('cspHash', () => {
  it('is the base64 SHA-256 a browser computes over the exact text', () => {
    // The well-known SHA-256 of the empty string.
    expect(cspHash('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
    expect(cspHash('a ')).not.toBe(cspHash('a'));
  });
});

describe('applySecurityHeaders', () => {
  let fastify: FastifyInstance;

  beforeAll(async () => {
    fastify = Fastify();
    applySecurityHeaders(fastify, { connectOrigins: ['http://127.0.0.1:3001'] });
    fastify.get('/', (_req, reply) => reply.type('text/html; charset=utf-8').send('<html>'));
    fastify.get('/sw.js', (_req, reply) => reply.type('text/javascript').send('1'));
    fastify.get('/docs', (_req, reply) => reply.type('text/html').send('<html>'));
    fastify.get('/v1/thing', () => ({ ok: true }));
    // What @fastify/static answers a revalidation: no body, no content type.
    fastify.get('/cached.js', (_req, reply) => reply.code(304).send());
    await fastify.ready();
  });

  afterAll(() => fastify.close());

  const get = (url: string) => fastify.inject({ method: 'GET', url });

  it.each(['/', '/sw.js', '/docs', '/v1/thing', '/missing'])(
    'sends nosniff, no referrer and no framing on %s',
    async (url) => {
      const res = await get(url);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    },
  );

  it('gives pages and scripts (a service worker runs under its own) the pages’ policy', async () => {
    const expected = pagePolicy({ connectOrigins: ['http://127.0.0.1:3001'] });
    expect((await get('/')).headers['content-security-policy']).toBe(expected);
    expect((await get('/sw.js')).headers['content-security-policy']).toBe(expected);
  });

  it('lets nothing load or run from an API answer, an error included', async () => {
    for (const url of ['/v1/thing', '/missing']) {
      expect((await get(url)).headers['content-security-policy']).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
    }
  });

  it('leaves a 304 without a policy, so the cached page keeps its own', async () => {
    const res = await get('/cached.js');
    expect(res.statusCode).toBe(304);
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('gives Swagger UI inline styles, never inline script', async () => {
    const docs = directives(String((await get('/docs')).headers['content-security-policy']));
    expect(docs.get('style-src')).toContain("'unsafe-inline'");
    expect(docs.get('script-src')).toEqual(["'self'"]);
  });
});
