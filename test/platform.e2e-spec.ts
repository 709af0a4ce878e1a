import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { serviceApps, TEST_METRICS_TOKEN } from './support/service-apps';
import { repoRoot } from './support/test-env';

const services = ['pass', 'verify', 'reporting'] as const;

describe.each(services)('%s-service boots on the real Kafka and PostgreSQL', (name) => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await serviceApps[name]({ PAGE_CONNECT_ORIGINS: 'https://pass.example.cn' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('reports ready with both dependencies up', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      service: `${name}-service`,
      checks: { postgres: { status: 'up' }, kafka: { status: 'up' } },
    });
  });

  it('serves Prometheus metrics including HTTP timings to the holder of the scrape token', async () => {
    await request(app.getHttpServer()).get('/health');
    const res = await request(app.getHttpServer())
      .get('/metrics')
      .set('authorization', `Bearer ${TEST_METRICS_TOKEN}`)
      .expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain('epass_http_request_duration_seconds_bucket');
    expect(res.text).toContain('process_resident_memory_bytes');
  });

  it('answers /metrics 401 without the scrape token, or with a user’s or a wrong one', async () => {
    for (const authorization of [undefined, `Bearer ${TEST_METRICS_TOKEN}-not`, 'Bearer eyJ.x.y']) {
      const req = request(app.getHttpServer()).get('/metrics');
      const res = await (authorization ? req.set('authorization', authorization) : req).expect(401);
      expect(res.body.code).toBe('METRICS_TOKEN_INVALID');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(res.text).not.toContain('epass_http_request_duration_seconds');
    }
  });

  it('answers a request line over 16 KB with 431 in the error format, then closes', async () => {
    const res = await request(app.getHttpServer()).get(`/health?q=${'a'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.connection).toBe('close');
    expect(res.body).toEqual({
      statusCode: 431,
      code: 'HEADERS_TOO_LARGE',
      message: expect.stringContaining('16 KB') as string,
    });
    // The next caller is answered as usual.
    await request(app.getHttpServer()).get('/health').expect(200);
  });

  it('answers a URL that does not decode with 400 URL_INVALID, in the caller’s language', async () => {
    const en = await request(app.getHttpServer()).get('/v1/%E0%A4%A').expect(400);
    expect(en.body).toEqual({
      statusCode: 400,
      code: 'URL_INVALID',
      message: expect.stringContaining('%20') as string,
    });
    const zh = await request(app.getHttpServer())
      .get('/v1/%E0%A4%A')
      .set('accept-language', 'zh-CN')
      .expect(400);
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect(zh.body).toMatchObject({
      code: 'URL_INVALID',
      message: expect.stringContaining('网址'),
    });
  });

  it('sends its page with a strict Content-Security-Policy, nosniff, no framing, no referrer', async () => {
    const page = await request(app.getHttpServer()).get('/').expect(200);
    const policy = directivesOf(page.headers['content-security-policy']);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    // The scanner and the dashboard log in against pass-service, wherever it is published.
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      'http://127.0.0.1:3001',
      'https://pass.example.cn',
    ]);
    expect([...policy.values()].flat()).not.toContain("'unsafe-inline'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    // A built page's script: under the page's policy too (what a service worker runs under).
    const script = /<script type="module" src="([^"]+)"/.exec(page.text)?.[1];
    const asset = await request(app.getHttpServer()).get(`/${script}`).expect(200);
    expect(asset.headers['content-security-policy']).toBe(page.headers['content-security-policy']);
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends nosniff, no framing and a policy that loads nothing with its API answers', async () => {
    const answers = [
      await request(app.getHttpServer()).get('/health').expect(200),
      await request(app.getHttpServer()).get('/no-such-route').expect(404),
      await request(app.getHttpServer()).get('/metrics').expect(401),
      await request(app.getHttpServer()).get(firstProtectedRoute[name]).expect(401),
    ];
    for (const res of answers) {
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('serves its OpenAPI 3.1 description at /docs, every operation with a summary', async () => {
    const res = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.info.title).toBe(`e-Pass ${name}-service`);
    const operations = Object.values(res.body.paths as Record<string, object>).flatMap((item) =>
      Object.values(item as Record<string, { summary?: string }>),
    );
    expect(operations.length).toBeGreaterThan(3);
    expect(operations.filter((operation) => !operation.summary)).toEqual([]);
  });

  it('serves its page at / and the browser libraries it loads, without a token', async () => {
    const page = await request(app.getHttpServer()).get('/').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.text).toContain('<html');
    const shared = await request(app.getHttpServer()).get('/shared/common.js').expect(200);
    expect(shared.headers['content-type']).toContain('javascript');
    for (const lib of ['/vendor/echarts.js', '/vendor/jsQR.js']) {
      const res = await request(app.getHttpServer()).get(lib).expect(200);
      expect(res.headers['content-type']).toContain('javascript');
      expect(res.text.length).toBeGreaterThan(10_000);
    }
    // The template library, as ES modules: its browser build and its directives, nothing else of
    // the package (its Node build, type declarations, source maps).
    for (const lib of ['/vendor/lit-html/lit-html.js', '/vendor/lit-html/directives/live.js']) {
      const res = await request(app.getHttpServer()).get(lib).expect(200);
      expect(res.headers['content-type']).toContain('javascript');
      expect(res.text).toMatch(/\bexport\s*\{/);
    }
    for (const hidden of [
      '/vendor/lit-html/node/lit-html.js',
      '/vendor/lit-html/lit-html.d.ts',
      '/vendor/lit-html/lit-html.js.map',
      '/vendor/lit-html/package.json',
      '/vendor/lit-html/../../package.json',
    ]) {
      await request(app.getHttpServer()).get(hidden).expect(404);
    }
  });

  it('sends its page and the libraries compressed to a browser that accepts it', async () => {
    const page = await request(app.getHttpServer()).get('/').expect(200);
    const script = /<script type="module" src="([^"]+)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    for (const [asset, encoding] of [
      [`/${script}`, 'br'],
      ['/vendor/jsQR.js', 'br'],
      ['/shared/common.js', 'gzip'],
    ]) {
      const res = await request(app.getHttpServer())
        .get(asset)
        .set('accept-encoding', encoding === 'br' ? 'gzip, deflate, br' : 'gzip')
        .expect(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toContain('javascript');
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      // Decoded by supertest: still the script itself.
      expect(res.text.length).toBeGreaterThan(1000);
    }
    const plain = await request(app.getHttpServer())
      .get('/vendor/jsQR.js')
      .set('accept-encoding', 'identity')
      .expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('answers unknown routes and bad JSON in the one error format', async () => {
    const missing = await request(app.getHttpServer()).get('/no-such-route').expect(404);
    expect(missing.body).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: expect.any(String),
    });
    const badJson = await request(app.getHttpServer())
      .post('/no-such-route')
      .set('content-type', 'application/json')
      .send('{"broken":')
      .expect(400);
    expect(badJson.body.code).toBe('BODY_NOT_JSON');
  });

  it('keeps a caller-supplied request id and makes one up otherwise', async () => {
    const given = await request(app.getHttpServer())
      .get('/health')
      .set('x-request-id', 'trace-abc-123');
    expect(given.headers['x-request-id']).toBe('trace-abc-123');
    const made = await request(app.getHttpServer()).get('/health');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

/** A route of each service that needs an access token. */
const firstProtectedRoute: Record<(typeof services)[number], string> = {
  pass: '/v1/passes',
  verify: '/v1/checkpoints',
  reporting: '/v1/reports/summary?from=2022-04-07&to=2022-04-08',
};

function directivesOf(policy: string | undefined): Map<string, string[]> {
  return new Map(
    (policy ?? '').split(';').map((directive) => {
      const [name, ...values] = directive.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('configuration is checked at boot', () => {
  const main = (service: string) => path.join(repoRoot, 'dist/apps', service, 'src/main.js');

  beforeAll(() => {
    if (!existsSync(main('pass-service'))) {
      const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
    }
  });

  function boot(
    service: string,
    env: Record<string, string>,
  ): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [main(service)], {
        env: { PATH: process.env.PATH ?? '', ...env },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
  }

  it.each(['pass-service', 'verify-service', 'reporting-service'])(
    '%s stops with a message naming a bad DATABASE_URL',
    async (service) => {
      const { code, stderr } = await boot(service, { DATABASE_URL: 'mysql://localhost/epass' });
      expect(code).toBe(78);
      expect(stderr).toContain(
        "DATABASE_URL: must be a postgres:// or postgresql:// URL with a database name (got 'mysql://localhost/epass')",
      );
    },
  );

  it('stops with a message naming a bad KAFKA_BROKERS', async () => {
    const { code, stderr } = await boot('verify-service', { KAFKA_BROKERS: 'localhost' });
    expect(code).toBe(78);
    expect(stderr).toContain(
      "KAFKA_BROKERS: must be a comma-separated list of host:port (got 'localhost')",
    );
  });
});
