import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Gauge } from 'prom-client';
import { HttpErrorFilter } from './http-error.filter';
import { METRICS_ACCESS, MetricsController } from './metrics.controller';
import { ServiceLogger } from './service-logger';

const TOKEN = 'scrape-token-0123456789abcdef';

async function appWith(token: string | undefined): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({
    controllers: [MetricsController],
    providers: [
      { provide: METRICS_ACCESS, useValue: { token } },
      {
        provide: ServiceLogger,
        useValue: new ServiceLogger({ serviceName: 't', level: 'silent' }),
      },
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
  app.useGlobalFilters(new HttpErrorFilter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

const scrape = (app: NestFastifyApplication, authorization?: string) =>
  app.inject({
    method: 'GET',
    url: '/metrics',
    headers: authorization === undefined ? {} : { authorization },
  });

describe('GET /metrics with METRICS_TOKEN set', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    // A metric of the default registry, which the controller serves.
    new Gauge({ name: 'epass_metrics_spec_probe', help: 'test' }).set(7);
    app = await appWith(TOKEN);
  });
  afterAll(() => app.close());

  it('serves the Prometheus text to the holder of the token', async () => {
    const res = await scrape(app, `Bearer ${TOKEN}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('epass_metrics_spec_probe 7');
    expect((await scrape(app, `bearer  ${TOKEN}`)).statusCode).toBe(200);
  });

  it.each([
    ['no Authorization header', undefined],
    ['another token', `Bearer ${TOKEN}x`],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token without its scheme', TOKEN],
    ['the token as Basic credentials', `Basic ${TOKEN}`],
  ])('refuses %s with 401 and a Bearer challenge', async (_what, authorization) => {
    const res = await scrape(app, authorization);
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(res.json()).toEqual({
      statusCode: 401,
      code: 'METRICS_TOKEN_INVALID',
      message: expect.stringContaining('METRICS_TOKEN'),
    });
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => (app = await appWith(undefined)));
  afterAll(() => app.close());

  it('is off: 404 whatever is presented, with a code that says why', async () => {
    for (const authorization of [undefined, `Bearer ${TOKEN}`, 'Bearer ']) {
      const res = await scrape(app, authorization);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'METRICS_DISABLED' });
    }
  });
});
