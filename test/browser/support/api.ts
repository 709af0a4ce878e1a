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
