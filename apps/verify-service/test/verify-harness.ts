import { randomInt, randomUUID } from 'node:crypto';
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
import { signLegacyPassQr } from '../../../test/support/legacy-pass-token';
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
  /** A published key with a legacy full-thumbprint kid, as pass-service made them before short kids. */
  legacyPassKey!: PassSigningKey;
  private readonly connection = new KafkaConnection({
    brokers: testEnv.kafkaBrokers,
    serviceName: 'verify-test',
    topics: [],
  });
  private readonly producer = new EventProducer(this.connection);
  admin = '';
  private readonly officerIds = new Map<string, string>();
  /** Pass numbers are what revocations and clone detection go by: each pass here gets its own. */
  private serial = randomInt(1_000_000);

  constructor(private readonly env: Record<string, string> = {}) {}

  async setUp(): Promise<this> {
    this.passKey = this.identity.addPassKey();
    this.legacyPassKey = this.identity.addPassKey({ legacy: true });
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
    await this.producer.onApplicationShutdown();
    await this.connection.onApplicationShutdown();
    await this.identity.stop();
  }

  /** One officer per checkpoint, the same user (id and name) in every token, as in real life. */
  officer(checkpointCode: string = CHECKPOINTS.kaifeng.code): string {
    let userId = this.officerIds.get(checkpointCode);
    if (!userId) {
      userId = randomUUID();
      this.officerIds.set(checkpointCode, userId);
    }
    return this.identity.token('officer', {
      userId,
      checkpointCode,
      username: `officer-${checkpointCode}`,
    });
  }

  /** Claims of a valid Kaifeng → Zhengzhou pass, overridable. */
  content(over: Partial<PassTokenContent> = {}): PassTokenContent {
    const now = nowSeconds();
    return {
      pn: `410205${String(this.serial++ % 1_000_000).padStart(6, '0')}`,
      pl: '豫B12345',
      ec: '91410200MA44111101',
      cg: 'dn',
      t: 12_500,
      o: '410205',
      d: '410102',
      x: 0,
      nbf: now - 3600,
      exp: now + 86_400,
      ...over,
    };
  }

  qr(over: Partial<PassTokenContent> = {}, key: PassSigningKey = this.passKey): string {
    return signPassQr(this.content(over), key);
  }

  /** A QR as issued before short tokens: legacy kid, pass id and iat, `s` as OpenSSL gave it. */
  legacyQr(
    content: PassTokenContent,
    jti: string = randomUUID(),
    s: 'any' | 'high' = 'any',
  ): string {
    return signLegacyPassQr({ ...content, jti, iat: content.nbf }, this.legacyPassKey, s);
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

  /** pass.revoked for the pass of `content`; verify-service goes by its number, not its id. */
  revoked(content: PassTokenContent, passId: string = randomUUID()): PassRevokedV1 {
    return createEvent(
      PassRevokedV1,
      {
        passId,
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
      { producer: 'pass-service', key: passId },
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
  async revocationApplied(passNumber: string): Promise<void> {
    await waitFor(async () => {
      const res = await this.get('/v1/revocations?since=0').expect(200);
      const list = (res.body as { revoked: { passNumber: string }[] }).revoked;
      return list.some((r) => r.passNumber === passNumber);
    }, `the revocation of pass ${passNumber} to be applied`);
  }
}
