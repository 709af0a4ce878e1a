import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topic, type AnyEvent } from '@app/contracts';
import { EventProducer, KafkaConnection } from '@app/messaging';
import type { Admin } from 'kafkajs';
import request from 'supertest';
import { serviceApps } from '../../../test/support/service-apps';
import { TestIdentity } from '../../../test/support/test-identity';
import { dropSchema, testEnv, waitFor } from '../../../test/support/test-env';
import { toMessage } from './report-fixtures';

export const REPORTING_GROUP = 'reporting-service';
const CONSUMED = [Topic.Pass, Topic.Checkpoint];

/**
 * One reporting-service on the real broker and database, with a stand-in identity provider,
 * a producer outside the app (so events can be sent while it is down) and admin access.
 */
export class ReportingHarness {
  app!: NestFastifyApplication;
  readonly identity = new TestIdentity();
  private readonly connection = new KafkaConnection({
    brokers: testEnv.kafkaBrokers,
    serviceName: 'reporting-test',
    topics: [],
  });
  readonly producer = new EventProducer(this.connection);
  official = '';

  /** Starts from an empty schema and a group with no offsets, so live totals cover whole topics. */
  async setUp(): Promise<this> {
    await this.identity.start();
    this.official = this.identity.token('official');
    await dropSchema('reporting');
    await this.withAdmin(async (admin) => {
      const groups = await admin.listGroups();
      if (groups.groups.some((g) => g.groupId === REPORTING_GROUP))
        await admin.deleteGroups([REPORTING_GROUP]);
    });
    await this.start();
    return this;
  }

  async start(): Promise<void> {
    this.app = await serviceApps.reporting({
      PASS_SERVICE_URL: this.identity.url,
      REPORT_STREAM_DEBOUNCE_MS: '50',
    });
  }

  async tearDown(): Promise<void> {
    await this.app?.close();
    await this.producer.onApplicationShutdown();
    await this.connection.onApplicationShutdown();
    await this.identity.stop();
  }

  send(events: AnyEvent[]): Promise<void> {
    return this.producer.send(events.map(toMessage));
  }

  get(path: string, token: string | null = this.official): request.Test {
    const req = request(this.app.getHttpServer()).get(path);
    return token === null ? req : req.set('authorization', `Bearer ${token}`);
  }

  async summary(from: string, to: string): Promise<Record<string, unknown>> {
    const res = await this.get(`/v1/reports/summary?from=${from}&to=${to}`).expect(200);
    return res.body as Record<string, unknown>;
  }

  /** Waits until the service's group has committed every message both topics hold. */
  async caughtUp(timeoutMs = 60000): Promise<void> {
    await waitFor(
      () =>
        this.withAdmin(async (admin) => {
          const committed = await admin.fetchOffsets({
            groupId: REPORTING_GROUP,
            topics: CONSUMED,
          });
          for (const topic of CONSUMED) {
            const ends = await admin.fetchTopicOffsets(topic);
            const mine = committed.find((c) => c.topic === String(topic));
            const behind = ends.some(
              (end) =>
                mine?.partitions.find((p) => p.partition === end.partition)?.offset !== end.high &&
                end.high !== '0',
            );
            if (behind) return false;
          }
          return true;
        }),
      'the reporting consumer to reach the end of both topics',
      timeoutMs,
      200,
    );
  }

  /** The state a crash leaves between the database commit and the offset commit. */
  async rewindGroup(): Promise<void> {
    await this.withAdmin(async (admin) => {
      for (const topic of CONSUMED)
        await admin.resetOffsets({ groupId: REPORTING_GROUP, topic, earliest: true });
    });
  }

  async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.connection.kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }
}
