import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { Topic } from '@app/contracts';
import { passQrKeyId } from '@app/pass-token';
import { Clock } from '@app/platform';
import request from 'supertest';
import {
  ADMIN,
  application,
  login,
  registerActiveEnterprise,
  staffToken,
  type TestEnterprise,
} from '../../apps/pass-service/test/pass-harness';
import { skipConsumerGroupToEnd } from '../support/consumer-groups';
import { serviceApps } from '../support/service-apps';
import { dropSchema, waitFor } from '../support/test-env';

/**
 * The checkpoint's side with the real pass-service: real tokens, real keys, real revocations
 * through Kafka, and pass-service switched off.
 */
describe('a pass from pass-service at a verify-service checkpoint', () => {
  let pass: NestFastifyApplication | undefined;
  let verify: NestFastifyApplication;
  let passUrl: string;
  let adminToken: string;
  let officerToken: string;
  let enterprise: TestEnterprise;
  const checkpointCode = 'KF-01'; // the checkpoint staffToken() gives officers

  const verifyEnv = () => ({ PASS_SERVICE_URL: passUrl, VERIFY_CLOCK_LEEWAY_SECONDS: '0' });
  const issue = async (overrides: Record<string, unknown> = {}) => {
    const res = await request(pass!.getHttpServer())
      .post('/v1/passes')
      .set('authorization', `Bearer ${enterprise.token}`)
      .send(application(overrides))
      .expect(201);
    return res.body as { id: string; token: string; plate: string; status: string };
  };
  const scan = async (qr: string, extra: Record<string, unknown> = {}) => {
    const res = await request(verify.getHttpServer())
      .post('/v1/verifications')
      .set('authorization', `Bearer ${officerToken}`)
      .send({ qr, checkpointCode, direction: 'entry', ...extra })
      .expect(200);
    return res.body as { verdict: string; reason: string | null };
  };

  beforeAll(async () => {
    await dropSchema('pass');
    await dropSchema('verify');
    // Pass numbers start again at 000001: earlier suites' revocations must not reach this one.
    await skipConsumerGroupToEnd('verify-service', [Topic.Pass]);
    pass = await serviceApps.pass({ LOGIN_MAX_FAILURES_PER_IP: '10000' });
    await pass.listen(0, '127.0.0.1');
    passUrl = `http://127.0.0.1:${(pass.getHttpServer().address() as AddressInfo).port}`;
    verify = await serviceApps.verify(verifyEnv());
    adminToken = await login(pass, ADMIN.username, ADMIN.password);
    officerToken = await staffToken(pass, 'officer', adminToken);
    await request(verify.getHttpServer())
      .post('/v1/checkpoints')
      .set('authorization', `Bearer ${adminToken}`)
      .send({ code: checkpointCode, name: '开封东检查站', divisionCode: '410202' })
      .expect(201);
    enterprise = await registerActiveEnterprise(pass);
  });

  afterAll(async () => {
    await verify?.close();
    await pass?.close();
  });

  it('accepts an issued pass and refuses it with a wrong plate', async () => {
    const issued = await issue();
    expect(issued.status).toBe('issued');
    expect(await scan(issued.token)).toMatchObject({ verdict: 'accepted', reason: null });
    expect(await scan(issued.token, { observedPlate: '豫A00001' })).toMatchObject({
      verdict: 'rejected',
      reason: 'PLATE_MISMATCH',
    });
  });

  it('answers NOT_YET_VALID for a pass that starts tomorrow and EXPIRED once a pass has ended', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000);
    const later = await issue({
      validFrom: tomorrow.toISOString(),
      validUntil: new Date(tomorrow.getTime() + 86_400_000).toISOString(),
    });
    expect((await scan(later.token)).reason).toBe('NOT_YET_VALID');

    const validUntil = new Date(Date.now() + 3_600_000);
    const ending = await issue({ validUntil: validUntil.toISOString() });
    expect((await scan(ending.token)).reason).toBeNull();
    // The checkpoint's clock moves past the pass's end, rather than the test waiting for it.
    const clock = jest
      .spyOn(verify.get(Clock), 'now')
      .mockReturnValue(new Date(validUntil.getTime() + 1_000));
    try {
      expect((await scan(ending.token)).reason).toBe('EXPIRED');
    } finally {
      clock.mockRestore();
    }
  });

  it('rejects a pass revoked through pass-service and prints how long that took', async () => {
    const issued = await issue();
    expect((await scan(issued.token)).reason).toBeNull();
    const started = Date.now();
    await request(pass!.getHttpServer())
      .post(`/v1/passes/${issued.id}/revoke`)
      .set('authorization', `Bearer ${enterprise.token}`)
      .send({ reason: '车辆故障 breakdown' })
      .expect(200);
    await waitFor(
      async () => (await scan(issued.token, { direction: 'exit' })).reason === 'REVOKED',
      'the checkpoint to answer REVOKED',
      10_000,
      20,
    );
    const propagationMs = Date.now() - started;
    process.stdout.write(
      `revocation propagation (revoke call → REVOKED verdict): ${propagationMs} ms\n`,
    );
  });

  it('verifies a pass signed with a key rotated in after start-up, and the older passes too', async () => {
    const before = await issue();
    const rotated = await request(pass!.getHttpServer())
      .post('/v1/signing-keys/rotate')
      .set('authorization', `Bearer ${adminToken}`)
      .expect(200);
    const after = await issue();
    expect(passQrKeyId(after.token)).toBe(rotated.body.kid);
    expect(passQrKeyId(after.token)).not.toBe(passQrKeyId(before.token));
    expect(await scan(after.token)).toMatchObject({ verdict: 'accepted', reason: null });
    expect(await scan(before.token, { direction: 'exit' })).toMatchObject({ verdict: 'accepted' });
  });

  it('keeps verifying with pass-service down, also after verify-service restarts', async () => {
    const issued = await issue();
    const revoked = await issue();
    await request(pass!.getHttpServer())
      .post(`/v1/passes/${revoked.id}/revoke`)
      .set('authorization', `Bearer ${enterprise.token}`)
      .send({ reason: '行程取消 trip cancelled' })
      .expect(200);
    await waitFor(async () => (await scan(revoked.token)).reason === 'REVOKED', 'REVOKED');

    await pass!.close();
    pass = undefined;
    expect((await scan(issued.token)).reason).toBeNull();

    await verify.close();
    verify = await serviceApps.verify(verifyEnv());
    expect(await scan(issued.token, { direction: 'exit' })).toMatchObject({ verdict: 'accepted' });
    expect((await scan(revoked.token)).reason).toBe('REVOKED');
  });
});
