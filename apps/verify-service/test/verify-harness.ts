import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createEvent,
  PassRevokedV1,
  SigningKeyActivatedV1,
  Topic,
  type AnyEvent,
} from '@app/contracts';
import { EventProducer, KafkaConnection } from '@app/messaging';
import {
  publicJwkOf,
  signPassQr,
  type PassSigningKey,
  type PassTokenContent,
} from '@app/pass-token';
import request from 'supertest';
import { serviceApps } from '../../../test/support/service-apps';
import { TestIdentity } from '../../../test/support/test-identity';
import { dropSchema, testEnv, waitFor } from '../../../test/support/test-env';

export const CHECKPOINTS = {
  /** 禹王台区, Kaifeng */
  kaifeng: {
    code: 'CP-KF-01',
    name: '开封 禹王台 检查站',
    divisionCode: '410205',
    latitude: 34.78,
    longitude: 114.35,
  },
  /** 中原区, Zhengzhou */
  zhengzhou: {
    code: 'CP-ZZ-01',
    name: '郑州 中原 检查站',
    divisionCode: '410102',
    latitude: 34.75,
    longitude: 113.61,
  },
  /** 天河区, Guangzhou */
  guangzhou: {
    code: 'CP-GZ-01',
    name: '广州 天河 检查站',
    divisionCode: '440106',
    latitude: 23.12,
    longitude: 113.36,
  },
} as const;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * verify-service on the real broker and database, with TestIdentity standing in for
 * pass-service (access tokens and the pass-key JWKS) and a producer for pass-service's events.
 */
export class VerifyHarness {
  app!: NestFastifyApplication;
  readonly identity = new TestIdentity();
  passKey!: PassSigningKey;
  private readonly connection = new KafkaConnection({
    brokers: testEnv.kafkaBrokers,
    serviceName: 'verify-test',
    topics: [],
  });
  private readonly producer = new EventProducer(this.connection);
  admin = '';

  constructor(private readonly env: Record<string, string> = {}) {}

  async setUp(): Promise<this> {
    this.passKey = this.identity.addPassKey();
    await this.identity.start();
    this.admin = this.identity.token('admin');
    await dropSchema('verify');
    await this.start();
    for (const checkpoint of Object.values(CHECKPOINTS)) {
      await this.post('/v1/checkpoints', checkpoint, this.admin).expect(201);
    }
    return this;
  }

  async start(): Promise<void> {
    this.app = await serviceApps.verify({ PASS_SERVICE_URL: this.identity.url, ...this.env });
  }

  async restart(): Promise<void> {
    await this.app.close();
    await this.start();
  }

  async tearDown(): Promise<void> {
    await this.app?.close();
    await this.producer.beforeApplicationShutdown();
    await this.connection.beforeApplicationShutdown();
    await this.identity.stop();
  }

  officer(checkpointCode: string = CHECKPOINTS.kaifeng.code): string {
    return this.identity.token('officer', {
      checkpointCode,
      username: `officer-${checkpointCode}`,
    });
  }

  /** Claims of a valid Kaifeng → Zhengzhou pass, overridable. */
  content(over: Partial<PassTokenContent> = {}): PassTokenContent {
    const now = nowSeconds();
    return {
      jti: randomUUID(),
      pn: `410205${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
      pl: '豫B12345',
      ec: '91410200MA44111101',
      cg: 'dn',
      t: 12_500,
      o: '410205',
      d: '410102',
      x: 0,
      nbf: now - 3600,
      exp: now + 86_400,
      iat: now - 3600,
      ...over,
    };
  }

  qr(over: Partial<PassTokenContent> = {}, key: PassSigningKey = this.passKey): string {
    return signPassQr(this.content(over), key);
  }

  verify(
    body: Record<string, unknown>,
    token: string | null = this.officer(
      typeof body.checkpointCode === 'string' ? body.checkpointCode : CHECKPOINTS.kaifeng.code,
    ),
  ): request.Test {
    return this.post('/v1/verifications', body, token);
  }

  /** Verifies at the Kaifeng checkpoint (entry) and returns the body. */
  async scan(qr: string, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const body = { qr, checkpointCode: CHECKPOINTS.kaifeng.code, direction: 'entry', ...extra };
    const res = await this.verify(body).expect(200);
    return res.body as Record<string, unknown>;
  }

  post(path: string, body: unknown, token: string | null): request.Test {
    const req = request(this.app.getHttpServer())
      .post(path)
      .send(body as object);
    return token === null ? req : req.set('authorization', `Bearer ${token}`);
  }

  get(path: string, token: string | null = this.admin): request.Test {
    const req = request(this.app.getHttpServer()).get(path);
    return token === null ? req : req.set('authorization', `Bearer ${token}`);
  }

  send(events: AnyEvent[]): Promise<void> {
    return this.producer.send(
      events.map((e) => ({ topic: Topic.Pass, key: e.key, value: JSON.stringify(e) })),
    );
  }

  revoked(content: PassTokenContent): PassRevokedV1 {
    return createEvent(
      PassRevokedV1,
      {
        passId: content.jti,
        passNumber: content.pn,
        reason: 'test revocation',
        revokedByRole: 'official',
        enterpriseId: randomUUID(),
        enterpriseCreditCode: content.ec,
        cargoCategory: 'daily_necessities',
        tonnageKg: content.t,
        originDivision: content.o,
        destinationDivision: content.d,
        validUntil: new Date(content.exp * 1000).toISOString(),
      },
      { producer: 'pass-service', key: content.jti },
    );
  }

  keyActivated(key: PassSigningKey): SigningKeyActivatedV1 {
    return createEvent(
      SigningKeyActivatedV1,
      { kid: key.kid, publicJwk: publicJwkOf(key.privateKey) },
      { producer: 'pass-service', key: key.kid },
    );
  }

  /** Waits until the revocation list (the table the consumer writes) holds the pass. */
  async revocationApplied(passId: string): Promise<void> {
    await waitFor(async () => {
      const res = await this.get('/v1/revocations?since=0').expect(200);
      const list = (res.body as { revoked: { passId: string }[] }).revoked;
      return list.some((r) => r.passId === passId);
    }, `the revocation of ${passId} to be applied`);
  }
}
