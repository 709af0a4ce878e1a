import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { serviceApps, TEST_METRICS_TOKEN } from './support/service-apps';
import { dropSchema, waitFor } from './support/test-env';

/**
 * The outbox metrics on real PostgreSQL, with pass-service pointed at a broker that is not
 * there: the events it writes at start-up (its first signing keys) wait in the outbox, and
 * /metrics says how many and since when.
 */
describe('outbox backlog metrics', () => {
  let pass: NestFastifyApplication;

  beforeAll(async () => {
    await dropSchema('pass');
    // Its consumer (status notices) cannot join a group without a broker: do not wait for it.
    pass = await serviceApps.pass({ KAFKA_BROKERS: '127.0.0.1:1' }, 'no-wait');
  });

  afterAll(async () => {
    await pass?.close();
    // Its unpublished events must not reach the next suite that starts pass-service on this schema.
    await dropSchema('pass');
  });

  const scrape = async () =>
    (
      await request(pass.getHttpServer())
        .get('/metrics')
        .set('authorization', `Bearer ${TEST_METRICS_TOKEN}`)
        .expect(200)
    ).text;

  const gauge = (text: string, name: string): number | undefined => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line === undefined ? undefined : Number(line.slice(name.length + 1));
  };

  it('counts the events waiting for Kafka and the age of the oldest', async () => {
    const text = await waitFor(async () => {
      const scraped = await scrape();
      return (gauge(scraped, 'epass_outbox_backlog') ?? 0) > 0 ? scraped : undefined;
    }, 'the start-up events to wait in the outbox');
    expect(gauge(text, 'epass_outbox_backlog')).toBeGreaterThanOrEqual(1);
    expect(gauge(text, 'epass_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(text).toContain('# TYPE epass_outbox_publish_batch_seconds histogram');
    expect(text).toContain('# TYPE epass_consumer_batch_seconds histogram');
  });
});
