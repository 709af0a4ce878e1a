import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { activeEnterprise, adminToken, call, login } from './support/api';
import { launchPage, pageUrl, screenshot, urls } from './support/browser';

/**
 * Live status in the portal: an enterprise has its passes list open while an official decides
 * on its applications through the API; the list shows each change (approved → issued, rejected)
 * without the page being reloaded. The stack's access tokens last 10 s, so the stream is also
 * reopened with fresh tokens along the way.
 */
describe('live pass status in the portal, in Chromium', () => {
  const run = randomBytes(3).toString('hex');
  const password = `Lv-${randomBytes(9).toString('base64url')}`;
  const enterpriseUser = `bt-live-${run}`;
  const officialName = `bt-live-official-${run}`;
  const digits = parseInt(run, 16);
  const plates = [
    `豫B${String(digits % 100000).padStart(5, '0')}`,
    `豫C${String((digits + 7) % 100000).padStart(5, '0')}`,
  ];

  let browser: Browser;
  let portal: Page;
  let pageErrors: string[];
  let official: string;
  let enterpriseToken: string;

  beforeAll(async () => {
    const token = await adminToken();
    await call(urls.pass, 'POST', '/v1/users', {
      token,
      body: { username: officialName, password, role: 'official' },
    });
    official = await login(officialName, password);
    await activeEnterprise(token, {
      name: `开封实时状态物流 ${run}`,
      username: enterpriseUser,
      password,
    });
    enterpriseToken = await login(enterpriseUser, password);

    ({ browser, page: portal, errors: pageErrors } = await launchPage());
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  /** A cross-province application: it waits for an official. */
  async function applyForReview(plate: string): Promise<string> {
    const now = Date.now();
    const pass = await call<{ id: string; status: string }>(urls.pass, 'POST', '/v1/passes', {
      token: enterpriseToken,
      body: {
        plate,
        driverName: '周师傅',
        driverPhone: '13912345678',
        cargoCategory: 'medical',
        tonnage: '8',
        originDivision: '410202',
        destinationDivision: '440103',
        validFrom: new Date(now).toISOString(),
        validUntil: new Date(now + 2 * 86_400_000).toISOString(),
      },
    });
    expect(pass.status).toBe('pending_review');
    return pass.id;
  }

  it('shows an approval and a rejection made elsewhere, without a reload', async () => {
    const approved = await applyForReview(plates[0]);
    const rejected = await applyForReview(plates[1]);

    // The stream is opened again with a fresh token once the first token's life (10 s here) ends.
    const streamTokens = new Set<string>();
    const reopened = new Promise<void>((resolve) => {
      portal.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname !== '/v1/passes/notices/stream') return;
        streamTokens.add(url.searchParams.get('access_token') ?? '');
        if (streamTokens.size > 1) resolve();
      });
    });
    await portal.goto(pageUrl(urls.pass));
    await portal.locator('#login-username').fill(enterpriseUser);
    await portal.locator('#login-password').fill(password);
    await portal.locator('.login-card button[type=submit]').click();
    const card = (id: string) => portal.locator(`article.pass-item[data-pass="${id}"]`);
    // The status badge (a cross-province pass has a second badge, 跨省).
    const status = (id: string, label: string) => card(id).locator('.badge', { hasText: label });
    await status(approved, '待审核').waitFor();
    await status(rejected, '待审核').waitFor();
    await portal.locator('#live-status', { hasText: '实时更新中' }).waitFor();
    // A reload would lose this mark.
    await portal.evaluate(() => {
      (globalThis as unknown as { liveMark: string }).liveMark = 'still here';
    });

    await call(urls.pass, 'POST', `/v1/passes/${approved}/approve`, { token: official, body: {} });
    await status(approved, '已签发').waitFor({ timeout: 20_000 });
    await portal.locator('#toasts .toast', { hasText: '通行证已签发' }).first().waitFor();

    await reopened;
    await portal.locator('#live-status', { hasText: '实时更新中' }).waitFor();
    official = await login(officialName, password);
    await call(urls.pass, 'POST', `/v1/passes/${rejected}/reject`, {
      token: official,
      body: { reason: '路线临时封闭' },
    });
    await status(rejected, '已驳回').waitFor({ timeout: 20_000 });
    await expect(card(rejected).textContent()).resolves.toContain('路线临时封闭');

    await expect(
      portal.evaluate(() => (globalThis as unknown as { liveMark?: string }).liveMark),
    ).resolves.toBe('still here');
    await screenshot(portal, 'portal-live-status');
  });
});
