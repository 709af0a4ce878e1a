import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { serviceApps } from './support/service-apps';
import { kafkaBroker, waitFor } from './support/test-env';

/**
 * Liveness and readiness on the real Kafka and PostgreSQL, then with the broker stopped:
 * verify-service keeps its job (scans go to the outbox), so it stays ready; reporting-service
 * applies events from Kafka, so it is not; both stay alive.
 */
describe('/health/live and /health/ready', () => {
  let verify: NestFastifyApplication;
  let reporting: NestFastifyApplication;
  let brokerStopped = false;

  beforeAll(async () => {
    verify = await serviceApps.verify();
    reporting = await serviceApps.reporting();
  });

  afterAll(async () => {
    if (brokerStopped) kafkaBroker('start');
    // Both close even when one fails, or the other's clients keep the process alive.
    const closed = await Promise.allSettled([verify?.close(), reporting?.close()]);
    for (const result of closed) if (result.status === 'rejected') throw result.reason;
  });

  const ready = (app: NestFastifyApplication) => request(app.getHttpServer()).get('/health/ready');

  it('answers live without asking a dependency, and ready with both up; /health is ready', async () => {
    for (const [app, service] of [
      [verify, 'verify-service'],
      [reporting, 'reporting-service'],
    ] as const) {
      const live = await request(app.getHttpServer()).get('/health/live').expect(200);
      expect(live.body).toEqual({ status: 'ok', service });
      const body = {
        status: 'ok',
        service,
        checks: { postgres: { status: 'up' }, kafka: { status: 'up' } },
      };
      expect((await ready(app).expect(200)).body).toEqual(body);
      expect((await request(app.getHttpServer()).get('/health').expect(200)).body).toEqual(body);
    }
  });

  describe('with Kafka stopped', () => {
    // Each test starts from a stopped broker that both services have noticed.
    beforeAll(async () => {
      kafkaBroker('stop');
      brokerStopped = true;
      await waitFor(
        async () => (await ready(reporting)).status === 503,
        'reporting-service to see Kafka down',
      );
    }, 120_000);

    it('verify-service stays ready (degraded), reporting-service is not, both live', async () => {
      const verifyReady = await waitFor(async () => {
        const res = await ready(verify);
        return res.body.checks?.kafka?.status === 'down' ? res : undefined;
      }, 'verify-service to see Kafka down');
      expect(verifyReady.status).toBe(200);
      expect(verifyReady.body).toMatchObject({
        status: 'degraded',
        checks: {
          postgres: { status: 'up' },
          kafka: { status: 'down', error: expect.any(String) },
        },
      });

      const reportingReady = await ready(reporting).expect(503);
      expect(reportingReady.body).toMatchObject({
        status: 'unavailable',
        checks: { postgres: { status: 'up' }, kafka: { status: 'down' } },
      });
      const alias = await request(reporting.getHttpServer()).get('/health').expect(503);
      expect(alias.body.status).toBe('unavailable');

      await request(verify.getHttpServer()).get('/health/live').expect(200);
      await request(reporting.getHttpServer()).get('/health/live').expect(200);
    });

    it('reporting-service is ready again once Kafka is back', async () => {
      kafkaBroker('start');
      brokerStopped = false;
      let last: unknown;
      const res = await waitFor(
        async () => {
          const answer = await ready(reporting);
          last = answer.body;
          return answer.status === 200 ? answer : undefined;
        },
        'reporting-service ready again',
        60_000,
        500,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; last answer ${JSON.stringify(last)}`);
      });
      expect(res.body.status).toBe('ok');
    }, 120_000);
  });
});
