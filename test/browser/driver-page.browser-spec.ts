import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitFor } from '../support/test-env';
import { activeEnterprise, adminToken, call, checkpointOfficer, login } from './support/api';
import {
  artifactsDir,
  collectPageErrors,
  launchPage,
  pageUrl,
  PHONE,
  screenshotsDir,
  urls,
  withPassService,
} from './support/browser';
import { writeQrVideo } from './support/fake-camera';

/**
 * The pass on the driver's phone (issue 16): the enterprise makes the link in the portal, the
 * driver's phone opens it (390×844), shows the QR large and keeps working offline; the scanner
 * reads the QR off that phone's screen (a screenshot played by Chromium's fake camera) and says
 * "accepted"; a new link stops the old one; a revoked pass says so and shows nothing to scan.
 */
describe('the driver’s page, on a phone', () => {
  const run = randomBytes(3).toString('hex');
  const password = `Dp-${randomBytes(9).toString('base64url')}`;
  const enterpriseUser = `dp-ent-${run}`;
  const officer = `dp-officer-${run}`;
  const checkpointCode = `DP-${run.toUpperCase()}`;
  const plate = `豫B${(parseInt(run, 16) % 90000) + 10000}`;
  const workDir = path.join(artifactsDir, 'browser');

  let browser: Browser;
  let portal: Page;
  let phone: BrowserContext;
  let driver: Page;
  let pageErrors: string[];
  let passId = '';
  let passNumber = '';
  let link = '';
  let qrPng: Buffer;
  /** The phone page's console, told when the page does not show what it should. */
  const consoleLines: string[] = [];

  beforeAll(async () => {
    mkdirSync(workDir, { recursive: true });
    mkdirSync(screenshotsDir, { recursive: true });
    const token = await adminToken();
    await checkpointOfficer(
      token,
      { code: checkpointCode, name: '开封司机页测试检查站' },
      [officer],
      password,
    );
    await activeEnterprise(token, {
      name: `开封司机页测试物流有限公司 ${run}`,
      username: enterpriseUser,
      password,
    });
    const enterpriseToken = await login(enterpriseUser, password);
    const now = Date.now();
    const pass = await call<{ id: string; passNumber: string; status: string }>(
      urls.pass,
      'POST',
      '/v1/passes',
      {
        token: enterpriseToken,
        body: {
          plate,
          driverName: '李师傅',
          driverPhone: '13903780002',
          cargoCategory: 'medical',
          cargoDescription: '口罩 <b>与</b> 消毒液',
          tonnage: '8.25',
          originDivision: '410202',
          destinationDivision: '410102',
          validFrom: new Date(now).toISOString(),
          validUntil: new Date(now + 2 * 86_400_000).toISOString(),
        },
      },
    );
    expect(pass.status).toBe('issued');
    passId = pass.id;
    passNumber = pass.passNumber;

    ({ browser, page: portal, errors: pageErrors } = await launchPage());
    phone = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    phone.setDefaultTimeout(60000);
    driver = await phone.newPage();
    driver.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    collectPageErrors(driver, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true });

  /** The phone's page as it would be opened from the link (localhost: a secure context). */
  const onPhone = (url: string) => url.replace('127.0.0.1', 'localhost');

  async function expectQrShown(page: Page): Promise<void> {
    try {
      await page.locator('#qr').waitFor({ timeout: 20000 });
    } catch (error) {
      await shot(page, 'driver-failed.phone').catch(() => undefined);
      const shown = await page
        .locator('main')
        .innerText()
        .catch(() => '?');
      const kept = await page
        .evaluate<string>(
          `caches.keys().then((names) => Promise.all(names.map((n) => caches.open(n)
             .then((c) => c.keys()).then((k) => n + ': ' + k.map((r) => r.url).join(' ')))))
             .then((all) => all.join(' | '))`,
        )
        .catch((e: unknown) => String(e));
      throw new Error(
        `no QR on the driver's page, which shows: ${shown}\nkept: ${kept}\n` +
          `console: ${consoleLines.join('\n')}\n${String(error)}`,
      );
    }
    await waitFor(
      () => page.evaluate<boolean>(`document.querySelector('#qr')?.naturalWidth > 0`),
      'the QR picture to load',
      30000,
    );
  }

  it('lets the enterprise make the link in the portal, with a copy button and a QR', async () => {
    await portal.goto(pageUrl(urls.pass));
    await portal.locator('#login-username').fill(enterpriseUser);
    await portal.locator('#login-password').fill(password);
    await portal.locator('.login-card button[type=submit]').click();
    await portal.locator('button.pass-open', { hasText: plate }).click();
    const dialog = portal.locator('#pass-dialog');
    await dialog.getByText('尚未生成驾驶员链接').waitFor();
    await dialog.getByRole('button', { name: '发给驾驶员手机' }).click();
    const input = dialog.locator('#share-url');
    await input.waitFor();
    link = await input.inputValue();
    expect(link).toMatch(/\/driver\/#[A-Za-z0-9_-]{22}$/);
    await dialog.getByRole('button', { name: '复制链接' }).waitFor();
    await waitFor(
      () =>
        portal.evaluate<boolean>(
          `document.querySelector('#pass-dialog .share-qr img')?.naturalWidth > 0`,
        ),
      'the link’s QR to load',
      30000,
    );
    await dialog
      .locator('section.share')
      .screenshot({ path: path.join(screenshotsDir, 'driver-portal-share.png') });
  });

  it('shows the valid pass on the phone: status, QR, plate and the facts, as text', async () => {
    await driver.goto(onPhone(link));
    await expectQrShown(driver);
    await expect(driver.locator('#status .status-word').textContent()).resolves.toBe('有效');
    await expect(driver.locator('#plate').textContent()).resolves.toBe(plate);
    const facts = (await driver.locator('dl.facts').textContent()) ?? '';
    expect(facts).toContain(passNumber);
    expect(facts).toContain('医疗防疫物资 · 口罩 <b>与</b> 消毒液');
    expect(facts).toContain('8.250 t');
    expect(await driver.locator('dl.facts b').count()).toBe(0);
    await driver.getByText('出示前请把屏幕亮度调到最高').waitFor();
    const html = await driver.content();
    expect(html).not.toContain('13903780002');
    expect(html).not.toContain('李师傅');
    await shot(driver, 'driver-valid.phone');
    // The QR exactly as the phone shows it, for the scanner's camera below.
    qrPng = await driver.locator('#qr').screenshot();

    // Installable: the manifest names its icons, which are served.
    const manifest = await driver.evaluate<{ start_url: string; icons: { src: string }[] }>(
      `fetch(document.querySelector('link[rel=manifest]').href).then((r) => r.json())`,
    );
    expect(manifest.start_url).toBe('/driver/');
    for (const icon of manifest.icons) {
      const status = await driver.evaluate<number>(
        `fetch(new URL(${JSON.stringify(icon.src)}, location.href)).then((r) => r.status)`,
      );
      expect([icon.src, status]).toEqual([icon.src, 200]);
    }
  });

  it('follows the browser’s language and switches with the toggle', async () => {
    const english = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
    try {
      const page = await english.newPage();
      collectPageErrors(page, pageErrors);
      await page.goto(onPhone(link));
      await page.locator('#status .status-word', { hasText: 'Valid' }).waitFor();
      await page.getByText('Turn the screen brightness up').waitFor();
      await page.locator('#lang-toggle').click();
      await page.locator('#status .status-word', { hasText: '有效' }).waitFor();
    } finally {
      await english.close();
    }
  });

  it('opens again offline, from what its service worker kept', async () => {
    const secret = link.split('#')[1];
    await waitFor(
      () =>
        driver.evaluate<boolean>(
          `navigator.serviceWorker.controller !== null &&
           caches.match('/v1/shared-passes/${secret}').then((hit) => hit !== undefined)`,
        ),
      'the service worker to keep the page and the pass',
      60000,
    );
    await phone.setOffline(true);
    try {
      const response = await driver.reload();
      expect(response?.fromServiceWorker()).toBe(true);
      await expectQrShown(driver);
      await driver.locator('#freshness.offline').waitFor();
      await expect(driver.locator('#status .status-word').textContent()).resolves.toBe('有效');
      await shot(driver, 'driver-offline.phone');
    } finally {
      await phone.setOffline(false);
    }
  });

  describe('at the checkpoint, the scanner’s camera pointed at the phone', () => {
    let scannerBrowser: Browser;
    let scanner: Page;

    beforeAll(async () => {
      const video = path.join(workDir, `driver-qr-${run}.y4m`);
      await writeQrVideo(driver, qrPng, video);
      ({ browser: scannerBrowser, page: scanner } = await launchPage({
        camera: video,
        errors: pageErrors,
      }));
    });

    afterAll(async () => {
      await scannerBrowser?.close();
    });

    it('accepts the pass read off the driver’s screen', async () => {
      await scanner.goto(pageUrl(urls.verify, withPassService));
      await scanner.locator('#login-username').fill(officer);
      await scanner.locator('#login-password').fill(password);
      await scanner.locator('.login-card button[type=submit]').click();
      await scanner.locator('#scanner').waitFor({ state: 'visible' });
      await waitFor(
        () =>
          scanner.evaluate<number | null>(
            `JSON.parse(localStorage.getItem('epass.scanner.lastSync'))`,
          ),
        'the scanner’s first sync',
        60000,
      );
      await scanner.locator('#camera-toggle').click();
      const verdict = scanner.locator('#verdict');
      await verdict.waitFor({ state: 'visible', timeout: 60000 });
      await expect(verdict.getAttribute('class')).resolves.toContain('verdict-accepted');
      await expect(scanner.locator('#verdict-word').textContent()).resolves.toBe('通过');
      await expect(scanner.locator('#verdict-plate').textContent()).resolves.toBe(plate);
      await expect(scanner.locator('#verdict-facts').textContent()).resolves.toContain(passNumber);
      await shot(scanner, 'driver-scanned.desktop');
    });
  });

  it('stops the old link when the enterprise makes a new one', async () => {
    const dialog = portal.locator('#pass-dialog');
    await dialog.getByRole('button', { name: '重新生成链接' }).click();
    await waitFor(
      async () => (await dialog.locator('#share-url').inputValue()) !== link,
      'the new link',
      30000,
    );
    const newLink = await dialog.locator('#share-url').inputValue();
    await driver.reload();
    await driver.getByRole('heading', { name: '链接已失效' }).waitFor();
    await expect(driver.locator('#qr').count()).resolves.toBe(0);
    await shot(driver, 'driver-gone.phone');
    link = newLink;
    await driver.goto(onPhone(link));
    await expectQrShown(driver);
  });

  it('says plainly that a revoked pass is revoked, with nothing to scan', async () => {
    await call(urls.pass, 'POST', `/v1/passes/${passId}/revoke`, {
      token: await login(enterpriseUser, password),
      body: { reason: '车辆故障，行程取消' },
    });
    await driver.reload();
    await driver.locator('#status.status-revoked').waitFor();
    await expect(driver.locator('#status .status-word').textContent()).resolves.toBe('已撤销');
    await expect(driver.locator('#qr').count()).resolves.toBe(0);
    await expect(driver.locator('#plate').textContent()).resolves.toBe(plate);
    await expect(driver.locator('main').innerText()).resolves.not.toMatch(/null|undefined/);
    await shot(driver, 'driver-revoked.phone');
  });
});
