import { randomBytes } from 'node:crypto';
import { creditCodeCheckCharacter } from '../../../apps/pass-service/web/validate.js';
import type { operations } from '../../../tools/shared/api/pass-service';
import { urls } from './browser';

/** The API, for the setup no page does (a checkpoint) and for checking what reached the server. */
export async function call<T>(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  { token, body }: { token?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export async function login(username: string, password: string): Promise<string> {
  const { accessToken } = await call<{ accessToken: string }>(urls.pass, 'POST', '/v1/auth/login', {
    body: { username, password },
  });
  return accessToken;
}

export function adminCredentials(): { username: string; password: string } {
  const username = process.env.ADMIN_USERNAME;
  const password = process.env.ADMIN_PASSWORD;
  if (!username || !password)
    throw new Error(
      'ADMIN_USERNAME / ADMIN_PASSWORD are not set (scripts/browser-tests.mjs sets them)',
    );
  return { username, password };
}

/** A fresh token for the admin the stack was started with. */
export async function adminToken(): Promise<string> {
  const { username, password } = adminCredentials();
  return login(username, password);
}

/** A checkpoint in Kaifeng (410202), created by the admin: no page creates checkpoints. */
export async function createCheckpoint(token: string, code: string, name: string): Promise<void> {
  await call(urls.verify, 'POST', '/v1/checkpoints', {
    token,
    body: { code, name, divisionCode: '410202' },
  });
}

/**
 * A checkpoint and its officers, created by the admin, the officers one after another in the
 * order given; returns the officers' ids in that order.
 */
export async function checkpointOfficer(
  token: string,
  checkpoint: { code: string; name: string },
  officers: string[],
  password: string,
): Promise<string[]> {
  await createCheckpoint(token, checkpoint.code, checkpoint.name);
  const ids: string[] = [];
  for (const username of officers) {
    const { id } = await call<{ id: string }>(urls.pass, 'POST', '/v1/users', {
      token,
      body: { username, password, role: 'officer', checkpointCode: checkpoint.code },
    });
    ids.push(id);
  }
  return ids;
}

/**
 * A valid unified social credit code of a company in `division`. Hex digits are all in the
 * code's character set (which leaves out I, O, Z, S and V).
 */
export function newCreditCode(division = '410202'): string {
  const first17 = `91${division}MA${randomBytes(4).toString('hex').toUpperCase().slice(0, 7)}`;
  return first17 + (creditCodeCheckCharacter(first17) ?? '');
}

/** What POST /v1/enterprises takes (tools/shared/api, generated from the contract). */
type EnterpriseRegistration =
  operations['EnterprisesController_register']['requestBody']['content']['application/json'];

/**
 * An enterprise in Kaifeng registered through the API and approved by the admin; returns its id.
 * The contact, the division and a fresh credit code are filled in unless given.
 */
export async function activeEnterprise(
  token: string,
  registration: Pick<EnterpriseRegistration, 'name' | 'username' | 'password'> &
    Partial<EnterpriseRegistration>,
): Promise<string> {
  const body: EnterpriseRegistration = {
    creditCode: newCreditCode(),
    divisionCode: '410202',
    contactName: '王经理',
    contactPhone: '13800138000',
    ...registration,
  };
  const { id } = await call<{ id: string }>(urls.pass, 'POST', '/v1/enterprises', { body });
  await call(urls.pass, 'POST', `/v1/enterprises/${id}/approve`, { token, body: {} });
  return id;
}

export interface ScanItem {
  scanId: string;
  verdict: 'accepted' | 'rejected';
  reason: string | null;
  passNumber: string | null;
  direction: 'entry' | 'exit';
}

export async function scansOf(token: string, passNumber: string): Promise<ScanItem[]> {
  const page = await call<{ items: ScanItem[] }>(
    urls.verify,
    'GET',
    `/v1/verifications?passNumber=${passNumber}&limit=200`,
    { token },
  );
  return page.items;
}
