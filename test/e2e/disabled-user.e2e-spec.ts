import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topic } from '@app/contracts';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { ADMIN, bearer, login } from '../../apps/pass-service/test/pass-harness';
import { skipConsumerGroupToEnd } from '../support/consumer-groups';
import { serviceApps } from '../support/service-apps';
import { dropSchema, waitFor } from '../support/test-env';

/** The promise: a disabled user's tokens stop working on all three services within 60 s. */
const PROPAGATION_DEADLINE_MS = 60_000;

/**
 * The admin disables an officer and an official on pass-service: the access tokens they already
 * hold (valid by signature for minutes more) are refused by a second pass-service replica (which
 * reads the users table), by verify-service and by reporting-service (which learn it from
 * `user.access-changed` on Kafka) within a minute; enabling them lets the same tokens back in.
 */
describe('a disabled user on all three services', () => {
  let pass: NestFastifyApplication;
  let passReplica: NestFastifyApplication;
  let verify: NestFastifyApplication;
  let reporting: NestFastifyApplication;
  let adminToken: string;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    await dropSchema('pass');
    await dropSchema('verify');
    await dropSchema('reporting');
    // Only epass.user.v1 matters here: the pass and scan backlog of earlier suites is skipped.
    await skipConsumerGroupToEnd('verify-service', [Topic.Pass]);
    await skipConsumerGroupToEnd('reporting-service', [Topic.Pass, Topic.Checkpoint]);
    pass = await serviceApps.pass({ LOGIN_MAX_FAILURES_PER_IP: '10000' });
    await pass.listen(0, '127.0.0.1');
    const passUrl = `http://127.0.0.1:${(pass.getHttpServer().address() as AddressInfo).port}`;
    passReplica = await serviceApps.pass();
    verify = await serviceApps.verify({ PASS_SERVICE_URL: passUrl });
    reporting = await serviceApps.reporting({ PASS_SERVICE_URL: passUrl });
    adminToken = await login(pass, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await reporting?.close();
    await verify?.close();
    await passReplica?.close();
    await pass?.close();
  });

  const createUser = async (role: 'officer' | 'official') => {
    const username = `${role}-${randomBytes(4).toString('hex')}`;
    const password = 'Staff-password-1';
    const res = await request(pass.getHttpServer())
      .post('/v1/users')
      .set(bearer(adminToken))
      .send({
        username,
        password,
        role,
        ...(role === 'officer' ? { checkpointCode: 'KF-01' } : { divisionScope: '410200' }),
      })
      .expect(201);
    return { id: (res.body as { id: string }).id, token: await login(pass, username, password) };
  };

  /** Each service's answer to each user's token, on a route their role serves or does not. */
  const answers = async (officer: string, official: string) => {
    const get = (app: NestFastifyApplication, path: string, token: string) =>
      request(app.getHttpServer()).get(path).set(bearer(token));
    const summary = `/v1/reports/summary?from=${today}&to=${today}`;
    const responses = await Promise.all([
      get(passReplica, '/v1/users', officer),
      get(verify, '/v1/checkpoints', officer),
      get(reporting, summary, officer),
      get(passReplica, '/v1/passes', official),
      get(verify, '/v1/checkpoints', official),
      get(reporting, summary, official),
    ]);
    return responses.map((res) =>
      res.status === 401 ? `401 ${(res.body as { code: string }).code}` : String(res.status),
    );
  };

  const ALL_REFUSED = Array<string>(6).fill('401 ACCOUNT_DISABLED');

  it('refuses the tokens they hold everywhere within 60 seconds, and takes them back on enable', async () => {
    const officer = await createUser('officer');
    const official = await createUser('official');
    const working = ['403', '200', '403', '200', '200', '200'];
    expect(await answers(officer.token, official.token)).toEqual(working);

    const started = Date.now();
    for (const user of [officer, official]) {
      await request(pass.getHttpServer())
        .post(`/v1/users/${user.id}/disable`)
        .set(bearer(adminToken))
        .send({ reason: '调离岗位 reassigned' })
        .expect(200);
    }
    // The replica that disabled them refuses at once.
    const refusedHere = await request(pass.getHttpServer())
      .get('/v1/passes')
      .set(bearer(official.token))
      .expect(401);
    expect((refusedHere.body as { code: string }).code).toBe('ACCOUNT_DISABLED');
    const refused = await waitFor(
      async () => {
        const now = await answers(officer.token, official.token);
        return now.every((answer) => answer === ALL_REFUSED[0]) ? now : undefined;
      },
      'every service to refuse the disabled users',
      PROPAGATION_DEADLINE_MS,
      250,
    );
    expect(refused).toEqual(ALL_REFUSED);
    process.stdout.write(`disable propagation (all three services): ${Date.now() - started} ms\n`);

    for (const user of [officer, official]) {
      await request(pass.getHttpServer())
        .post(`/v1/users/${user.id}/enable`)
        .set(bearer(adminToken))
        .send({ reason: '复岗 back on duty' })
        .expect(200);
    }
    const restored = await waitFor(
      async () => {
        const now = await answers(officer.token, official.token);
        return now.every((answer, i) => answer === working[i]) ? now : undefined;
      },
      'every service to accept the enabled users again',
      PROPAGATION_DEADLINE_MS,
      250,
    );
    expect(restored).toEqual(working);
  });

  it('keeps a disabled user refused by a verify-service that starts after the event', async () => {
    const officer = await createUser('officer');
    await request(pass.getHttpServer())
      .post(`/v1/users/${officer.id}/disable`)
      .set(bearer(adminToken))
      .send({ reason: '离职 left' })
      .expect(200);
    const check = (app: NestFastifyApplication) =>
      request(app.getHttpServer()).get('/v1/checkpoints').set(bearer(officer.token));
    await waitFor(
      async () => (await check(verify)).status === 401,
      'verify-service to refuse the officer',
      PROPAGATION_DEADLINE_MS,
      250,
    );
    // A new replica reads the table at start-up, before it serves its first request.
    const fresh = await serviceApps.verify({
      PASS_SERVICE_URL: `http://127.0.0.1:${(pass.getHttpServer().address() as AddressInfo).port}`,
    });
    try {
      const res = await check(fresh).expect(401);
      expect((res.body as { code: string }).code).toBe('ACCOUNT_DISABLED');
    } finally {
      await fresh.close();
    }
  });
});
