import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { http, startPassService } from './pass-harness';

describe('pass-service: GET /v1/divisions feeds the pickers from the GB/T 2260 package', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startPassService({ CORS_ORIGINS: 'http://127.0.0.1:3002' });
  });
  afterAll(() => app?.close());

  it('lists provinces without a token, then a province’s cities, then a city’s counties', async () => {
    const provinces = await http(app).get('/v1/divisions').expect(200);
    expect(provinces.headers['cache-control']).toContain('max-age');
    expect(provinces.body.divisions).toContainEqual({
      code: '410000',
      name: '河南省',
      level: 'province',
    });
    expect(provinces.body.divisions.length).toBeGreaterThanOrEqual(31);

    const cities = await http(app).get('/v1/divisions?parent=410000').expect(200);
    expect(cities.body.divisions).toContainEqual({ code: '410200', name: '开封市', level: 'city' });

    const counties = await http(app).get('/v1/divisions?parent=410200').expect(200);
    expect(counties.body.divisions).toContainEqual({
      code: '410225',
      name: '兰考县',
      level: 'county',
    });
    const levels = new Set((counties.body.divisions as { level: string }[]).map((d) => d.level));
    expect([...levels]).toEqual(['county']);
  });

  it('answers 404 DIVISION_UNKNOWN for a county or unknown parent and 400 for a malformed one', async () => {
    const county = await http(app).get('/v1/divisions?parent=410225').expect(404);
    expect(county.body.code).toBe('DIVISION_UNKNOWN');
    await http(app).get('/v1/divisions?parent=999900').expect(404);
    const bad = await http(app).get('/v1/divisions?parent=41').expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, code: expect.any(String) });
    await http(app).get('/v1/divisions?level=city').expect(400);
  });

  it('answers a path parameter over 100 characters with 414 URL_TOO_LONG, before any route', async () => {
    const res = await http(app)
      .get(`/v1/passes/${'a'.repeat(101)}`)
      .expect(414);
    expect(res.body).toEqual({
      statusCode: 414,
      code: 'URL_TOO_LONG',
      message: expect.stringContaining('URL path') as string,
    });
    // 100 characters reach the route, which asks for a token first.
    await http(app)
      .get(`/v1/passes/${'a'.repeat(100)}`)
      .expect(401);
  });

  it('answers an OPTIONS request that is no preflight with 400 PREFLIGHT_INVALID, in the error format', async () => {
    for (const headers of [{}, { origin: 'http://127.0.0.1:3002' }]) {
      const res = await http(app).options('/v1/auth/login').set(headers).expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        code: 'PREFLIGHT_INVALID',
        message: expect.stringContaining('Access-Control-Request-Method') as string,
      });
    }
  });

  it('lets the scanner’s origin log in from the browser and no other origin', async () => {
    const preflight = await http(app)
      .options('/v1/auth/login')
      .set('origin', 'http://127.0.0.1:3002')
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'content-type');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://127.0.0.1:3002');
    expect(preflight.headers['access-control-allow-headers']).toContain('Content-Type');

    const foreign = await http(app)
      .options('/v1/auth/login')
      .set('origin', 'http://evil.example')
      .set('access-control-request-method', 'POST');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });
});
