import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  adminCredentials,
  adminToken,
  call,
  createCheckpoint,
  login,
  newCreditCode,
  scansOf,
} from './support/api';
import {
  artifactsDir,
  collectPageErrors,
  launchPage,
  pageUrl,
  screenshot,
  urls,
  withPassService,
} from './support/browser';
import { writeQrVideo } from './support/fake-camera';
import { pickDivision } from './support/portal';
import { waitFor } from '../support/test-env';

/**
 * One truck's day, as people do it in the three pages: an admin creates the official and the
 * officer, an enterprise registers and applies (cross-province, so it is reviewed), the official
 * approves it in the review queue, the enterprise downloads the QR, the officer scans it through
 * the camera online and then offline, the queued scan reaches the server once, and the dashboard
 * shows the totals. Only the checkpoint is created through the API: no page does that.
 */
describe('from registration to the dashboard, in Chromium', () => {
  const run = randomBytes(3).toString('hex');
  const password = `Bt-${randomBytes(9).toString('base64url')}`;
  const official = `bt-official-${run}`;
  const officer = `bt-officer-${run}`;
  const enterprise = `bt-ent-${run}`;
  const checkpointCode = `BT-${run.toUpperCase()}`;
  const plate = `豫B${(parseInt(run, 16) % 90000) + 10000}`;
  const tonnage = '25.5';
  const creditCode = newCreditCode();
  const workDir = path.join(artifactsDir, 'browser');

  let browser: Browser;
  let context: BrowserContext;
  let portal: Page;
  let dashboard: Page;
  let pageErrors: string[];
  let passNumber = '';
  let qrPng: Buffer;
  /** The totals before this run, over the dashboard's default range (the last 7 days). */
  let before: Summary;
  const expected = (name: keyof Summary, delta: number): string =>
    typeof before[name] === 'number'
      ? (before[name] + delta).toLocaleString('zh-CN')
      : tonsText(kgOf(before[name]) + BigInt(Math.round(delta * 1000)));

  beforeAll(async () => {
    mkdirSync(workDir, { recursive: true });
    const token = await adminToken();
    await createCheckpoint(token, checkpointCode, '开封浏览器测试检查站');
    before = await call<Summary>(
      urls.reporting,
      'GET',
      `/v1/reports/summary?from=${shanghaiDay(-6)}&to=${shanghaiDay(0)}`,
      { token },
    );
    ({ browser, context, page: portal, errors: pageErrors } = await launchPage());
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  async function signIn(page: Page, username: string, secret: string): Promise<void> {
    await page.locator('#login-username').fill(username);
    await page.locator('#login-password').fill(secret);
    await page.locator('.login-card button[type=submit]').click();
  }

  async function signOut(page: Page): Promise<void> {
    await page.locator('#logout').click();
    await page.locator('#login-username').waitFor();
  }

  const toast = (page: Page, text: string): Locator =>
    page.locator('#toasts .toast', { hasText: text });

  it('lets the admin create the official and the checkpoint officer in the portal', async () => {
    await portal.goto(pageUrl(urls.pass));
    await portal.locator('#login-username').waitFor();
    await screenshot(portal, 'portal-login');
    const admin = adminCredentials();
    await signIn(portal, admin.username, admin.password);
    await portal.getByRole('tab', { name: '用户管理' }).click();

    await portal.locator('#u-role').selectOption('official');
    await portal.locator('#u-username').fill(official);
    await portal.locator('#u-password').fill(password);
    await portal.getByRole('button', { name: '创建用户' }).click();
    await toast(portal, official).waitFor();

    await portal.locator('#u-role').selectOption('officer');
    await portal.locator('#u-checkpoint').fill(checkpointCode);
    await portal.locator('#u-username').fill(officer);
    await portal.locator('#u-password').fill(password);
    await portal.getByRole('button', { name: '创建用户' }).click();
    await toast(portal, officer).waitFor();
    await screenshot(portal, 'portal-admin-users');
    await signOut(portal);
  });

  it('registers an enterprise and applies for a cross-province pass, which waits for review', async () => {
    await portal.getByRole('tab', { name: '企业注册' }).click();
    await portal.locator('#reg-name').fill(`开封浏览器测试物流有限公司 ${run}`);
    await portal.locator('#reg-credit').fill(creditCode);
    await pickDivision(portal, 'reg-division', '410202');
    await portal.locator('#reg-contact').fill('王经理');
    await portal.locator('#reg-phone').fill('+86 138 0378 0001');
    await portal.locator('#reg-username').fill(enterprise);
    await portal.locator('#reg-password').fill(password);
    await portal.locator('#reg-credit').blur();
    await expect(portal.locator('#reg-credit-hint').textContent()).resolves.toContain('校验通过');
    await screenshot(portal, 'portal-register');
    await portal.getByRole('button', { name: '注册企业' }).click();

    // Registered and signed in: the application form comes next.
    await portal.locator('#ap-plate').waitFor();
    await portal.locator('#ap-plate').fill(plate.replace('B', 'ｂ '));
    await portal.locator('#ap-tonnage').fill(tonnage);
    await portal.locator('#ap-driver').fill('李师傅');
    await portal.locator('#ap-driver-phone').fill('13903780002');
    await portal.locator('#ap-cargo').selectOption('daily_necessities');
    await pickDivision(portal, 'ap-origin', '410202');
    await pickDivision(portal, 'ap-destination', '320102');
    await portal.locator('#ap-plate').blur();
    await expect(portal.locator('#ap-plate-hint').textContent()).resolves.toContain(plate);
    await portal.getByText('跨省通行证需要人工审核').waitFor();
    await screenshot(portal, 'portal-apply');
    await portal.getByRole('button', { name: '提交申请' }).click();

    const dialog = portal.locator('#pass-dialog');
    await dialog.getByText('签发后才有二维码').waitFor();
    await expect(dialog.locator('.badge').first().textContent()).resolves.toBe('待审核');
    await screenshot(portal, 'portal-pass-pending');
    await dialog.getByRole('button', { name: '关闭' }).click();
    await signOut(portal);
  });

  it('lets the official approve it from the review queue', async () => {
    // A new enterprise is pending review, and its passes can be approved only once it is active:
    // the admin approves it through the API (the enterprise review queue has its own browser test).
    const token = await adminToken();
    const pending = await call<{ items: { id: string; creditCode: string }[] }>(
      urls.pass,
      'GET',
      '/v1/enterprises?status=pending_review&limit=200',
      { token },
    );
    const registered = pending.items.find((e) => e.creditCode === creditCode);
    if (!registered) throw new Error('the registered enterprise is not pending review');
    await call(urls.pass, 'POST', `/v1/enterprises/${registered.id}/approve`, {
      token,
      body: {},
    });
    await signIn(portal, official, password);
    const card = portal.locator('article.pass-item', { hasText: plate });
    await card.waitFor();
    await screenshot(portal, 'portal-review-queue');
    await card.getByRole('button', { name: '批准' }).click();
    await toast(portal, '已批准').waitFor();
    await card.waitFor({ state: 'detached' });
    await signOut(portal);
  });

  it('shows the enterprise its issued pass with the QR code, and downloads the PNG', async () => {
    await signIn(portal, enterprise, password);
    await portal.locator('button.pass-open', { hasText: plate }).click();
    const dialog = portal.locator('#pass-dialog');
    const qr = dialog.locator('.qr-box img');
    await qr.waitFor();
    await waitFor(
      () =>
        portal.evaluate<boolean>(
          `document.querySelector('#pass-dialog .qr-box img')?.naturalWidth > 0`,
        ),
      'the QR image to load',
      30000,
    );
    passNumber = (await dialog.locator('#pass-dialog-title').textContent()) ?? '';
    expect(passNumber).toMatch(/^410202\d{6}$/);
    await screenshot(portal, 'portal-pass-qr');

    const [download] = await Promise.all([
      portal.waitForEvent('download'),
      dialog.getByRole('button', { name: '下载二维码 PNG' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`epass-${passNumber}.png`);
    const file = path.join(workDir, download.suggestedFilename());
    await download.saveAs(file);
    qrPng = readFileSync(file);
    expect(qrPng.subarray(1, 4).toString()).toBe('PNG');
    await dialog.getByRole('button', { name: '关闭' }).click();
  });

  it('opens the dashboard for the official with the issued pass counted', async () => {
    dashboard = await context.newPage();
    collectPageErrors(dashboard, pageErrors);
    await dashboard.goto(pageUrl(urls.reporting, withPassService));
    await dashboard.locator('#login-username').waitFor();
    await screenshot(dashboard, 'dashboard-login');
    await signIn(dashboard, official, password);
    await expectKpi(dashboard, '签发通行证', expected('passesIssued', 1));
    await expectKpi(dashboard, '跨省通行证', expected('crossProvincePasses', 1));
    await expectKpi(dashboard, '申报吨位（吨）', expected('tonnageDeclared', 25.5));
  });

  describe('at the checkpoint, through a fake camera showing the downloaded QR', () => {
    let scannerBrowser: Browser;
    let scannerContext: BrowserContext;
    let scanner: Page;
    const uploads: string[] = [];

    beforeAll(async () => {
      const video = path.join(workDir, `qr-${passNumber}.y4m`);
      await writeQrVideo(portal, qrPng, video);
      ({
        browser: scannerBrowser,
        context: scannerContext,
        page: scanner,
      } = await launchPage({ camera: video, errors: pageErrors }));
      // The scanner's clock is the test's, so waiting out its 3 s for the same code takes no time
      // (installed before the page is loaded, it holds from the page's first script on).
      await scannerContext.clock.install();
      scanner.on('requestfinished', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/v1/verifications')) {
          const body = request.postDataJSON() as { clientScanId?: string } | null;
          if (body?.clientScanId) uploads.push(body.clientScanId);
        }
      });
    });

    afterAll(async () => {
      await scannerBrowser?.close();
    });

    const verdict = () => scanner.locator('#verdict');
    const storage = <T>(key: string): Promise<T | null> =>
      scanner.evaluate<T | null>(`JSON.parse(localStorage.getItem(${JSON.stringify(key)}))`);

    async function scanWithCamera(): Promise<void> {
      await scanner.locator('#camera-toggle').click();
      await verdict().waitFor({ state: 'visible', timeout: 60000 });
    }

    async function closeVerdictAndCamera(): Promise<void> {
      await scanner.locator('#verdict-close').click();
      await verdict().waitFor({ state: 'hidden' });
      await scanner.locator('#camera-toggle').click();
      await scanner.locator('#camera-message', { hasText: '摄像头未开启' }).waitFor();
    }

    it('signs the officer in and syncs the keys and the revocation list', async () => {
      await scanner.goto(pageUrl(urls.verify, withPassService));
      await scanner.locator('#login-username').waitFor();
      await screenshot(scanner, 'scanner-login');
      await signIn(scanner, officer, password);
      await scanner.locator('#scanner').waitFor({ state: 'visible' });
      await waitFor(() => storage<number>('epass.scanner.lastSync'), 'the first sync', 60000);
      await scanner.locator('#status', { hasText: '密钥 1 个' }).waitFor();
      await expect(scanner.locator('#who').textContent()).resolves.toContain(checkpointCode);
      await screenshot(scanner, 'scanner-ready');
    });

    it('accepts the pass seen by the camera', async () => {
      await scanWithCamera();
      await expect(verdict().getAttribute('class')).resolves.toContain('verdict-accepted');
      await expect(scanner.locator('#verdict-word').textContent()).resolves.toBe('通过');
      await expect(scanner.locator('#verdict-plate').textContent()).resolves.toBe(plate);
      await expect(scanner.locator('#verdict-facts').textContent()).resolves.toContain(passNumber);
      await screenshot(scanner, 'scanner-accepted');
      await closeVerdictAndCamera();
      expect(uploads).toHaveLength(1);
    });

    let queuedScanId = '';
    it('verifies offline from its stored keys and queues the scan', async () => {
      // The same code must be out of sight for 3 s to count again.
      await scanner.clock.fastForward(3500);
      await scannerContext.setOffline(true);
      await scanner.locator('#status', { hasText: '离线' }).waitFor();
      await scanWithCamera();
      await expect(verdict().getAttribute('class')).resolves.toContain('verdict-accepted');
      await expect(scanner.locator('#verdict-plate').textContent()).resolves.toBe(plate);
      await expect(scanner.locator('#verdict-hint').textContent()).resolves.toContain(
        '离线核验 · 已排队待上传',
      );
      await expect(scanner.locator('#verdict-facts').textContent()).resolves.toContain(
        '离线未核对线路',
      );
      await screenshot(scanner, 'scanner-offline-verdict');
      const queue = (await storage<{ clientScanId: string }[]>('epass.scanner.queue')) ?? [];
      expect(queue).toHaveLength(1);
      queuedScanId = queue[0].clientScanId;
      await closeVerdictAndCamera();
      await scanner.locator('#status', { hasText: '待上传 1 条' }).waitFor();
      await scanner.locator('#recent .badge-queued').first().waitFor();
      await screenshot(scanner, 'scanner-offline-queued');
    });

    it('uploads the queued scan exactly once when the network is back', async () => {
      await scannerContext.setOffline(false);
      await waitFor(
        async () => ((await storage<unknown[]>('epass.scanner.queue')) ?? []).length === 0,
        'the queue to drain',
        60000,
      );
      await scanner.locator('#status', { hasText: '在线' }).waitFor();
      // A later sync round must not send it again.
      await scanner.getByRole('button', { name: '立即同步' }).click();
      await toast(scanner, '已同步').waitFor();
      await screenshot(scanner, 'scanner-back-online');
      expect(uploads.filter((id) => id === queuedScanId)).toHaveLength(1);

      const token = await login(officer, password);
      const scans = await scansOf(token, passNumber);
      expect(scans.filter((scan) => scan.scanId === queuedScanId)).toHaveLength(1);
      expect(scans).toHaveLength(2);
      expect(scans.every((scan) => scan.verdict === 'accepted')).toBe(true);
    });
  });

  it('shows the new totals on the dashboard, live', async () => {
    await expectKpi(dashboard, '扫码通过', expected('scansAccepted', 2));
    await expectKpi(dashboard, '扫码拒绝', expected('scansRejected', 0));
    await expectKpi(dashboard, '入站吨位（吨）', expected('tonnageThroughCheckpoints', 51));
    await dashboard
      .locator('#table-checkpoints td', { hasText: checkpointCode })
      .waitFor({ timeout: 60000 });
    await screenshot(dashboard, 'dashboard');
  });

  it('says what a day of the daily chart holds in its own tooltip, as text', async () => {
    // The range ends today: the last day is at the chart's right end.
    const chart = dashboard.locator('#chart-daily');
    const box = await chart.boundingBox();
    if (!box) throw new Error('the daily chart is not shown');
    await dashboard.mouse.move(box.x + box.width * 0.85, box.y + box.height / 2);
    const tip = dashboard.locator('#chart-daily + .chart-tip');
    await tip.waitFor();
    await expect(tip.textContent()).resolves.toMatch(
      /^\d{4}-\d{2}-\d{2}\n通行证: [\d,]+\n吨位（吨）: [\d,]+\.\d{3}$/,
    );
    await screenshot(dashboard, 'dashboard-tooltip');
    await dashboard.mouse.move(box.x + box.width / 2, box.y - 40);
    await tip.waitFor({ state: 'hidden' });
  });

  it('draws the dashboard again in the other language at the switch, and back', async () => {
    await dashboard.locator('#lang-toggle').click();
    await dashboard.locator('.kpi-label', { hasText: 'Passes issued' }).waitFor();
    await expect(dashboard.locator('#chart-daily').getAttribute('aria-label')).resolves.toBe(
      'Passes issued and tonnage declared per day',
    );
    await dashboard.locator('#table-checkpoints th', { hasText: 'Checkpoint' }).waitFor();
    await dashboard.locator('#lang-toggle').click();
    await dashboard.locator('.kpi-label', { hasText: '签发通行证' }).waitFor();
  });
});

interface Summary {
  passesIssued: number;
  crossProvincePasses: number;
  scansAccepted: number;
  scansRejected: number;
  tonnageDeclared: string;
  tonnageThroughCheckpoints: string;
}

/** Today plus `offset` days in Asia/Shanghai (REPORT_TZ), as the dashboard's date inputs hold it. */
function shanghaiDay(offset: number): string {
  const day = new Date(Date.now() + offset * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(day);
}

const kgOf = (tons: string): bigint => {
  const [whole, fraction = ''] = tons.split('.');
  return BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0'));
};
/** As the dashboard shows tonnage: three decimals, thousands separated by commas. */
const tonsText = (kg: bigint): string =>
  `${(kg / 1000n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(kg % 1000n).toString().padStart(3, '0')}`;

/** Waits (the reporting consumer is asynchronous) until a key figure shows the value. */
async function expectKpi(page: Page, label: string, value: string): Promise<void> {
  const kpi = page.locator('.kpi', { has: page.locator('.kpi-label', { hasText: label }) });
  let shown: string | null = null;
  try {
    await waitFor(
      async () =>
        (shown = await kpi.locator('.kpi-value').textContent({ timeout: 5000 })) === value,
      `the dashboard's "${label}" to show ${value}`,
      120000,
      500,
    );
  } catch (error) {
    await screenshot(page, `failed-${label}`).catch(() => undefined);
    const kpis = await page
      .locator('#kpis')
      .innerText()
      .catch(() => '');
    // Tells a page that does not update from a reporting-service that has not caught up.
    const api = await adminToken()
      .then((token) =>
        call(
          urls.reporting,
          'GET',
          `/v1/reports/summary?from=${shanghaiDay(-6)}&to=${shanghaiDay(0)}`,
          {
            token,
          },
        ),
      )
      .catch((e: unknown) => String(e));
    throw new Error(
      `${String(error)}; it shows ${shown}; key figures: ${kpis.replace(/\n/g, ' ')}; the API says ${JSON.stringify(api)}`,
    );
  }
}
