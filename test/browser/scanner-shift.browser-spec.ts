import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { adminToken, call, checkpointOfficer, login } from './support/api';
import { launchPage, pageUrl, screenshot, urls, withPassService } from './support/browser';
import { waitFor } from '../support/test-env';

interface StoredSession {
  accessToken: string;
  refreshToken?: string;
  expiresIn: number;
  claims: { sub: string; usr: string; exp: number };
}
interface QueuedScan {
  clientScanId: string;
  officer?: { id: string; username: string } | null;
}
interface ScanItem {
  scanId: string;
  reason: string | null;
}

const SESSION_KEY = 'epass.scanner.session';
const QUEUE_KEY = 'epass.scanner.queue';
/** The access-token guard's clock tolerance (libs/auth): a token is refused only after this. */
const GUARD_TOLERANCE_MS = 5000;

/**
 * A checkpoint shift with access tokens of 10 s (scripts/browser-tests.mjs): the officer stays
 * signed in across several token lifetimes and every verdict comes from the server; when the
 * admin disables the account the scanner says it is signed out, keeps its unsent scan, sends
 * nothing for another officer, and sends the scan once its own officer is back.
 */
describe('a scanner shift with short-lived access tokens', () => {
  const run = randomBytes(3).toString('hex');
  const password = `Bt-${randomBytes(9).toString('base64url')}`;
  const officer = `bt-shift-${run}`;
  const colleague = `bt-shift2-${run}`;
  const checkpointCode = `BS-${run.toUpperCase()}`;
  let officerId = '';
  let browser: Browser;
  let context: BrowserContext;
  let scanner: Page;
  const pageErrors: string[] = [];
  /** Every answer to POST /v1/verifications and /v1/auth/refresh the page got. */
  const verifications: { status: number; clientScanId: string }[] = [];
  const refreshes: { status: number; code: string | null }[] = [];

  beforeAll(async () => {
    [officerId] = await checkpointOfficer(
      await adminToken(),
      { code: checkpointCode, name: '交接班测试检查站' },
      [officer, colleague],
      password,
    );
    ({ browser, context, page: scanner } = await launchPage({ errors: pageErrors }));
    scanner.on('response', (response) => void record(response));
  });

  async function record(response: Response): Promise<void> {
    const request = response.request();
    if (request.method() !== 'POST') return;
    if (request.url().endsWith('/v1/verifications')) {
      const body = request.postDataJSON() as { clientScanId?: string } | null;
      verifications.push({ status: response.status(), clientScanId: body?.clientScanId ?? '' });
    } else if (request.url().endsWith('/v1/auth/refresh')) {
      const body = response.ok()
        ? null
        : ((await response.json().catch(() => null)) as { code?: string } | null);
      refreshes.push({ status: response.status(), code: body?.code ?? null });
    }
  }

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => expect(pageErrors).toEqual([]));

  const stored = <T>(key: string): Promise<T | null> =>
    scanner.evaluate<T | null>(`JSON.parse(localStorage.getItem(${JSON.stringify(key)}))`);
  const session = async (): Promise<StoredSession> => {
    const value = await stored<StoredSession>(SESSION_KEY);
    if (!value) throw new Error('the scanner has no session');
    return value;
  };
  const queue = async (): Promise<QueuedScan[]> => (await stored<QueuedScan[]>(QUEUE_KEY)) ?? [];

  async function signIn(username: string): Promise<void> {
    await scanner.locator('#login-username').fill(username);
    await scanner.locator('#login-password').fill(password);
    await scanner.locator('.login-card button[type=submit]').click();
    await scanner.locator('#scanner').waitFor({ state: 'visible' });
  }

  /** A hardware scan of `text` and its verdict; returns the verdict's hint text. */
  async function scan(text: string): Promise<string> {
    await scanner.locator('#qr-input').fill(text);
    await scanner.locator('#qr-input').press('Enter');
    await scanner.locator('#verdict').waitFor({ state: 'visible' });
    const hint = (await scanner.locator('#verdict-hint').textContent()) ?? '';
    await scanner.locator('#verdict-close').click();
    await scanner.locator('#verdict').waitFor({ state: 'hidden' });
    return hint;
  }

  /** Waits until the scanner holds a new access token and `old` is refused everywhere. */
  async function outlive(old: StoredSession): Promise<StoredSession> {
    const expiredAt = old.claims.exp * 1000 + GUARD_TOLERANCE_MS;
    return waitFor(
      async () => {
        const now = await session();
        return now.accessToken !== old.accessToken && Date.now() > expiredAt ? now : null;
      },
      'a renewed access token, the old one expired',
      60000,
      250,
    );
  }

  const serverScans = async (): Promise<ScanItem[]> =>
    (
      await call<{ items: ScanItem[] }>(
        urls.verify,
        'GET',
        `/v1/verifications?checkpointCode=${checkpointCode}&limit=200`,
        { token: await adminToken() },
      )
    ).items;

  it('signs the officer in with a refresh token and short-lived access tokens', async () => {
    await scanner.goto(pageUrl(urls.verify, withPassService));
    await signIn(officer);
    const first = await session();
    expect(first.refreshToken).toEqual(expect.any(String));
    // Several lifetimes must fit in this test: started by scripts/browser-tests.mjs (10 s).
    expect(first.expiresIn).toBeLessThanOrEqual(15);
    await waitFor(() => stored<number>('epass.scanner.lastSync'), 'the first sync', 60000);
  });

  it('stays signed in across several access-token lifetimes, every verdict online', async () => {
    let current = await session();
    const sent: string[] = [];
    for (let round = 0; round < 3; round++) {
      current = await outlive(current);
      const before = verifications.length;
      const hint = await scan(`https://example.com/shift-${run}-${round}`);
      expect(hint).not.toContain('离线核验');
      expect(verifications.slice(before).map((v) => v.status)).toEqual([200]);
      sent.push(verifications[verifications.length - 1].clientScanId);
      await expect(scanner.locator('#status').textContent()).resolves.toContain('在线');
    }
    expect(await queue()).toEqual([]);
    expect(refreshes.length).toBeGreaterThanOrEqual(3);
    expect(refreshes.filter((r) => r.status !== 200)).toEqual([]);
    const scans = await serverScans();
    for (const id of sent) expect(scans.filter((s) => s.scanId === id)).toHaveLength(1);
    await expect(scanner.locator('#warnings').textContent()).resolves.not.toContain('登录已过期');
  });

  it('renews and retries a scan refused for an expired access token, still online', async () => {
    const current = await session();
    const renewed = await outlive(current);
    // A token just issued, so that the page sees no reason to renew before it sends…
    const latest = await waitFor(
      async () => {
        const now = await session();
        return now.accessToken !== renewed.accessToken ? now : null;
      },
      'the next renewal',
      60000,
      100,
    );
    // …while the token it holds is one the server refuses (as after a suspended laptop).
    await scanner.evaluate(
      `(() => {
        const s = JSON.parse(localStorage.getItem('${SESSION_KEY}'));
        s.accessToken = ${JSON.stringify(current.accessToken)};
        localStorage.setItem('${SESSION_KEY}', JSON.stringify(s));
      })()`,
    );
    expect((await session()).refreshToken).toBe(latest.refreshToken);
    const before = verifications.length;
    const hint = await scan(`https://example.com/shift-${run}-retry`);
    expect(hint).not.toContain('离线核验');
    expect(verifications.slice(before).map((v) => v.status)).toEqual([401, 200]);
    expect(await queue()).toEqual([]);
    expect(refreshes.filter((r) => r.status !== 200)).toEqual([]);
  });

  let queuedId = '';
  it('queues an offline scan under the officer who made it', async () => {
    await context.setOffline(true);
    await scanner.locator('#status', { hasText: '离线' }).waitFor();
    const hint = await scan(`https://example.com/shift-${run}-offline`);
    expect(hint).toContain('离线核验');
    const queued = await queue();
    expect(queued).toHaveLength(1);
    expect(queued[0].officer).toEqual({ id: officerId, username: officer });
    queuedId = queued[0].clientScanId;
  });

  it('shows the signed-out state after the admin disables the officer, the queue kept', async () => {
    const disabledAt = Date.now();
    await call(urls.pass, 'POST', `/v1/users/${officerId}/disable`, {
      token: await adminToken(),
      body: { reason: 'browser test: shift over' },
    });
    // Back online only once the page's access token is refused everywhere: the scan made while
    // the officer was still enabled must not slip through before the account is known disabled.
    const held = await session();
    await waitFor(
      () => Date.now() > held.claims.exp * 1000 + GUARD_TOLERANCE_MS,
      'the access token to expire',
      60000,
      250,
    );
    await context.setOffline(false);

    const ended = scanner.locator('#session-ended');
    await ended.waitFor({ timeout: Math.max(1000, 60000 - (Date.now() - disabledAt)) });
    await expect(ended.textContent()).resolves.toContain('此账号已被停用');
    await expect(ended.textContent()).resolves.toContain('ACCOUNT_DISABLED');
    await expect(ended.getAttribute('role')).resolves.toBe('alert');
    await expect(scanner.locator('#scanner').isHidden()).resolves.toBe(true);
    await expect(scanner.locator('#login .muted').first().textContent()).resolves.toContain(
      `本机保留 1 条未上传的扫码记录（${officer}）`,
    );
    await screenshot(scanner, 'scanner-signed-out');
    expect((await queue()).map((q) => q.clientScanId)).toEqual([queuedId]);
    expect(await stored(SESSION_KEY)).toBeNull();
    expect(verifications.filter((v) => v.clientScanId === queuedId && v.status === 200)).toEqual(
      [],
    );
    expect(refreshes.filter((r) => r.code === 'REFRESH_TOKEN_REUSED')).toEqual([]);

    await scanner.locator('#lang-toggle').click();
    await expect(ended.textContent()).resolves.toContain('this account has been disabled');
    await scanner.locator('#lang-toggle').click();
    await scanner.locator('#session-ended', { hasText: '此账号已被停用' }).waitFor();
  });

  it('verifies nothing while signed out, not even offline', async () => {
    const before = verifications.length;
    await scanner.locator('h1').click();
    await scanner.keyboard.type(`https://example.com/shift-${run}-signed-out`);
    await scanner.keyboard.press('Enter');
    await scanner.locator('#toasts .toast', { hasText: '已退出登录：请先登录再扫码' }).waitFor();
    await expect(scanner.locator('#verdict').isHidden()).resolves.toBe(true);
    expect(verifications.length).toBe(before);
    expect(await queue()).toHaveLength(1);
  });

  it('holds the scan while another officer is signed in on the device', async () => {
    const listed = scanner.waitForResponse(
      (r) => r.request().method() === 'GET' && r.url().includes('/v1/verifications?limit='),
      { timeout: 60000 },
    );
    await signIn(colleague);
    // The recent list is read after the queue has been flushed.
    await listed;
    await scanner.locator('#status', { hasText: `另有 1 条待 ${officer} 登录后上传` }).waitFor();
    await scanner.locator('#recent .badge-queued', { hasText: `待 ${officer} 上传` }).waitFor();
    expect(verifications.filter((v) => v.clientScanId === queuedId)).toEqual([]);
    expect((await queue()).map((q) => q.clientScanId)).toEqual([queuedId]);
    await scanner.locator('#logout').click();
    await scanner.locator('#login-username').waitFor();
  });

  it('sends the scan once its own officer signs in again', async () => {
    await call(urls.pass, 'POST', `/v1/users/${officerId}/enable`, {
      token: await adminToken(),
      body: { reason: 'browser test: next shift' },
    });
    // verify-service learns of the enable through Kafka (within a minute); until then it still
    // refuses the officer's tokens as ACCOUNT_DISABLED, which would end the new session at once.
    let token: string | undefined;
    await waitFor(
      async () => {
        token ??= await login(officer, password);
        try {
          return await call(urls.verify, 'GET', '/v1/verifications?limit=1', { token });
        } catch (error) {
          if (String(error).includes('UNAUTHENTICATED')) token = undefined;
          throw error;
        }
      },
      'verify-service to accept the officer again',
      90000,
      1000,
    );
    // Signing out ended the session: the login no longer shows the earlier reason.
    await expect(scanner.locator('#session-ended').count()).resolves.toBe(0);
    await signIn(officer);
    await waitFor(async () => (await queue()).length === 0, 'the queue to drain', 60000);
    const uploads = verifications.filter((v) => v.clientScanId === queuedId);
    expect(uploads.map((v) => v.status)).toEqual([200]);
    const scans = await serverScans();
    expect(scans.filter((s) => s.scanId === queuedId)).toHaveLength(1);
    expect(refreshes.filter((r) => r.code === 'REFRESH_TOKEN_REUSED')).toEqual([]);
  });
});
