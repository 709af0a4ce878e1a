import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { creditCodeCheckCharacter } from '@app/domain';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import request from 'supertest';
import { serviceApps, TEST_ADMIN_PASSWORD } from '../../../test/support/service-apps';
import { dropSchema } from '../../../test/support/test-env';

/** The first admin that serviceApps.pass creates from ADMIN_USERNAME / ADMIN_PASSWORD. */
export const ADMIN = { username: 'admin', password: TEST_ADMIN_PASSWORD };

const PASS_ENV = {
  // Every test client is 127.0.0.1; the per-address limits have their own suite in
  // identity.e2e-spec.ts, with addresses given through a trusted proxy.
  LOGIN_MAX_FAILURES_PER_IP: '10000',
  REGISTRATION_MAX_PER_IP: '10000',
};

/** pass-service on a fresh schema, built exactly as main.ts builds it. */
export async function startPassService(
  env: Record<string, string> = {},
): Promise<NestFastifyApplication> {
  await dropSchema('pass');
  return serviceApps.pass({ ...PASS_ENV, ...env });
}

/** pass-service started again on the schema it left, as after a restart or an upgrade. */
export async function restartPassService(
  app: NestFastifyApplication,
  env: Record<string, string> = {},
): Promise<NestFastifyApplication> {
  await app.close();
  return serviceApps.pass({ ...PASS_ENV, ...env });
}

export type Http = ReturnType<typeof request>;

export function http(app: NestFastifyApplication): Http {
  return request(app.getHttpServer());
}

/** Plate characters after the city letter: no I or O. */
const ALNUM = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function randomPlate(prefix = '豫B'): string {
  let rest = '';
  for (let i = 0; i < 5; i++) rest += ALNUM[randomInt(ALNUM.length)];
  return prefix + rest;
}

/** A valid, random unified social credit code registered in `division`. */
export function randomCreditCode(division = '410200'): string {
  const first17 = `91${division}MA${String(randomInt(10_000_000)).padStart(7, '0')}`;
  return first17 + (creditCodeCheckCharacter(first17) ?? '');
}

export async function login(
  app: NestFastifyApplication,
  username: string,
  password: string,
): Promise<string> {
  const res = await http(app).post('/v1/auth/login').send({ username, password }).expect(200);
  return (res.body as { accessToken: string }).accessToken;
}

export interface TestEnterprise {
  id: string;
  creditCode: string;
  divisionCode: string;
  username: string;
  token: string;
}

export async function registerEnterprise(
  app: NestFastifyApplication,
  divisionCode = '410202',
): Promise<TestEnterprise> {
  const username = `ent-${randomBytes(4).toString('hex')}`;
  const password = 'Enterprise-pass-1';
  const creditCode = randomCreditCode();
  const res = await http(app)
    .post('/v1/enterprises')
    .send({
      name: '开封测试物流有限公司',
      creditCode,
      divisionCode,
      contactName: '张经理',
      contactPhone: '13800138000',
      username,
      password,
    })
    .expect(201);
  return {
    id: (res.body as { id: string }).id,
    creditCode,
    divisionCode,
    username,
    token: await login(app, username, password),
  };
}

/** The first admin approves the enterprise (pending_review → active). */
export async function approveEnterprise(
  app: NestFastifyApplication,
  enterpriseId: string,
): Promise<void> {
  const admin = await login(app, ADMIN.username, ADMIN.password);
  await http(app)
    .post(`/v1/enterprises/${enterpriseId}/approve`)
    .set('authorization', `Bearer ${admin}`)
    .send({})
    .expect(200);
}

/**
 * A registered enterprise that the admin has approved, so that its intra-province applications
 * are issued at once: what every test that is not about onboarding needs. A new registration
 * alone is pending review, and all its applications wait for an official.
 */
export async function registerActiveEnterprise(
  app: NestFastifyApplication,
  divisionCode = '410202',
): Promise<TestEnterprise> {
  const enterprise = await registerEnterprise(app, divisionCode);
  await approveEnterprise(app, enterprise.id);
  return enterprise;
}

export async function staffToken(
  app: NestFastifyApplication,
  role: 'official' | 'officer' | 'admin',
  adminToken: string,
): Promise<string> {
  const username = `${role}-${randomBytes(4).toString('hex')}`;
  const password = 'Staff-password-1';
  await http(app)
    .post('/v1/users')
    .set('authorization', `Bearer ${adminToken}`)
    .send({ username, password, role, ...(role === 'officer' ? { checkpointCode: 'KF-01' } : {}) })
    .expect(201);
  return login(app, username, password);
}

const DAY_MS = 86_400_000;

/** An intra-province (Henan) application starting now, for a random plate. */
export function application(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    plate: randomPlate(),
    driverName: '李师傅',
    driverPhone: '13912345678',
    cargoCategory: 'daily_necessities',
    cargoDescription: '蔬菜',
    tonnage: '12.5',
    originDivision: '410202',
    destinationDivision: '410102',
    validFrom: new Date(now).toISOString(),
    validUntil: new Date(now + 3 * DAY_MS).toISOString(),
    ...overrides,
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const uniqueKey = () => randomUUID();
