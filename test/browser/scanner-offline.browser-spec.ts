import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { adminToken, checkpointOfficer } from './support/api';
import { launchPage, pageUrl, screenshot, urls, withPassService } from './support/browser';
import { waitFor } from '../support/test-env';

/**
 * A checkpoint that loses its network: the scanner opens again from what its service worker
 * kept (the built page: one bundle, the template library in it), verifies on the device and
 * queues the scan; a change of language draws the whole page again; back online, the scan is sent.
 */
describe('the scanner without a network', () => {
  const run = randomBytes(3).toString('hex');
  const officer = `bt-off-${run}`;
  const password = `Bt-${randomBytes(9).toString('base64url')}`;
  const checkpointCode = `BO-${run.toUpperCase()}`;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const queue = async (): Promise<unknown[]> =>
    (await page.evaluate<unknown[] | null>(
      `JSON.parse(localStorage.getItem('epass.scanner.queue'))`,
    )) ?? [];

  beforeAll(async () => {
    await checkpointOfficer(
      await adminToken(),
      { code: checkpointCode, name: '离线测试检查站' },
      [officer],
      password,
    );
    ({ browser, context, page } = await launchPage({ errors: pageErrors }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => expect(pageErrors).toEqual([]));

  it('signs in, syncs its lists and lets its service worker keep the page', async () => {
    await page.goto(pageUrl(urls.verify, withPassService));
    await page.locator('#login-username').fill(officer);
    await page.locator('#login-password').fill(password);
    await page.locator('.login-card button[type=submit]').click();
    await page.locator('#scanner').waitFor({ state: 'visible' });
    await page.locator('#status', { hasText: '上次同步' }).waitFor();
    await waitFor(
      () => page.evaluate<boolean>('navigator.serviceWorker.controller !== null'),
      'the service worker to control the page',
      60000,
    );
  });

  it('opens again offline and verifies on the device', async () => {
    await context.setOffline(true);
    try {
      const response = await page.reload();
      expect(response?.fromServiceWorker()).toBe(true);
      await page.locator('#scanner').waitFor({ state: 'visible' });
      await page.locator('#status', { hasText: '离线' }).waitFor();
      await page.locator('#qr-input').fill(`https://example.com/offline-${run}`);
      await page.locator('#qr-input').press('Enter');
      await page.locator('#verdict').waitFor({ state: 'visible' });
      await expect(page.locator('#verdict-word').textContent()).resolves.toBe('拒绝');
      await expect(page.locator('#verdict-hint').textContent()).resolves.toContain('离线核验');
      await screenshot(page, 'scanner-offline-reloaded');
      await page.locator('#verdict-close').click();
      await page.locator('#verdict').waitFor({ state: 'hidden' });
      expect(await queue()).toHaveLength(1);
      await page.locator('#recent .badge-queued', { hasText: '待上传' }).waitFor();
    } finally {
      await context.setOffline(false);
    }
  });

  it('draws the whole page again in the other language, and back', async () => {
    await page.locator('#lang-toggle').click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Checkpoint scanner');
    await expect(page.locator('#sync-now').textContent()).resolves.toContain('Sync now');
    await expect(page.locator('#camera-message').textContent()).resolves.toContain('Camera off');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.locator('#lang-toggle').click();
    await expect(page.locator('h1').textContent()).resolves.toBe('检查站扫码核验');
  });

  it('sends the queued scan once the network is back', async () => {
    await page.locator('#sync-now').click();
    await waitFor(async () => (await queue()).length === 0, 'the queue to drain', 60000);
    await page.locator('#status', { hasText: '在线' }).waitFor();
  });
});
