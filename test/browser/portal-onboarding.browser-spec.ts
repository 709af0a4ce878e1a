import { randomBytes } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { adminCredentials, adminToken, call, login, newCreditCode } from './support/api';
import { launchPage, pageUrl, screenshot, urls } from './support/browser';
import { pickDivision } from './support/portal';

interface EnterpriseItem {
  id: string;
  creditCode: string;
  name: string;
  status: string;
}

/**
 * Onboarding as people do it in the portal: the admin creates an official for Henan, a new
 * enterprise registers (its name carries markup, which must show as text), the official finds it
 * in the enterprise review queue and approves it, and the audit log lists that approval with the
 * official as its author. On the way: a language switch redraws the view and keeps what was typed.
 * Then the enterprise registers a tractor, is refused a plate another enterprise holds and asks
 * for its transfer, applies for a pass with a trailer, and the official approves the transfer.
 */
describe('enterprise onboarding in the portal, in Chromium', () => {
  const run = randomBytes(3).toString('hex');
  const password = `Bt-${randomBytes(9).toString('base64url')}`;
  const official = `bt-reviewer-${run}`;
  const enterpriseUser = `bt-onboard-${run}`;
  const name = `开封<b>审核</b>测试物流 ${run}`;
  const digits = (n: number) => String(parseInt(run, 16) % 10 ** n).padStart(n, '0');
  const ownPlate = `豫B${digits(5)}`;
  const heldPlate = `豫C${digits(5)}`;
  const trailerPlate = `豫B${digits(4)}挂`;
  const creditCode = newCreditCode();

  let browser: Browser;
  let portal: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    // Markup in an API answer must never become an element; a dialog would mean script ran.
    ({ browser, page: portal, errors: pageErrors } = await launchPage({ failOnDialog: true }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  async function signIn(username: string, secret: string): Promise<void> {
    await portal.locator('#login-username').fill(username);
    await portal.locator('#login-password').fill(secret);
    await portal.locator('.login-card button[type=submit]').click();
  }

  async function signOut(): Promise<void> {
    await portal.locator('#logout').click();
    await portal.locator('#login-username').waitFor();
  }

  const toast = (text: string): Locator => portal.locator('#toasts .toast', { hasText: text });
  const tab = (label: string): Locator => portal.getByRole('tab', { name: label, exact: true });

  async function enterpriseByCreditCode(): Promise<EnterpriseItem | undefined> {
    const token = await adminToken();
    for (const status of ['pending_review', 'active']) {
      const page = await call<{ items: EnterpriseItem[] }>(
        urls.pass,
        'GET',
        `/v1/enterprises?status=${status}&limit=200`,
        { token },
      );
      const found = page.items.find((e) => e.creditCode === creditCode);
      if (found) return found;
    }
    return undefined;
  }

  it('lets the admin create an official whose jurisdiction is Henan', async () => {
    await portal.goto(pageUrl(urls.pass));
    await portal.locator('#login-username').waitFor();
    const admin = adminCredentials();
    await signIn(admin.username, admin.password);
    await tab('用户管理').click();

    await portal.locator('#u-role').selectOption('official');
    const province = portal.locator('#u-scope-province');
    await province.locator('option[value="410000"]').waitFor({ state: 'attached' });
    await province.selectOption('410000');
    await portal.locator('#u-username').fill(official);
    await portal.locator('#u-password').fill(password);
    await portal.getByRole('button', { name: '创建用户' }).click();
    await toast(official).waitFor();
    // The new user heads the list, with its jurisdiction.
    const row = portal.locator(`article.user-item[data-user="${official}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('410000');
    await screenshot(portal, 'portal-admin-users-list');
    await signOut();
  });

  it('registers an enterprise, which waits for review and sees only enterprise tabs', async () => {
    await tab('企业注册').click();
    await portal.locator('#reg-name').fill(name);
    await portal.locator('#reg-credit').fill(creditCode);
    await pickDivision(portal, 'reg-division', '410202');
    await portal.locator('#reg-contact').fill('赵经理');
    await portal.locator('#reg-phone').fill('13803780011');
    await portal.locator('#reg-username').fill(enterpriseUser);
    await portal.locator('#reg-password').fill(password);
    await portal.getByRole('button', { name: '注册企业' }).click();
    await portal.locator('#ap-plate').waitFor();
    await tab('车辆').waitFor();
    await expect(tab('企业审核').count()).resolves.toBe(0);
    await expect(tab('操作日志').count()).resolves.toBe(0);
    await expect(enterpriseByCreditCode()).resolves.toMatchObject({ status: 'pending_review' });
    await signOut();
  });

  it('lets the official approve it from the enterprise review queue', async () => {
    await signIn(official, password);
    await tab('企业审核').click();
    const card = portal.locator(`article.enterprise-item[data-credit-code="${creditCode}"]`);
    await card.waitFor();
    // The name is text: its markup shows as typed and made no element.
    await expect(card.locator('.enterprise-name').textContent()).resolves.toBe(name);
    await expect(card.locator('b').count()).resolves.toBe(0);

    // A language switch draws the view again, in English, and keeps the reason being typed.
    const reason = card.getByRole('textbox', { name: '请填写驳回原因' });
    await reason.fill('资料待补充');
    await portal.locator('#lang-toggle').click();
    await tab('Enterprise review').waitFor();
    await expect(tab('Enterprise review').getAttribute('aria-selected')).resolves.toBe('true');
    await card.getByRole('button', { name: 'Approve', exact: true }).waitFor();
    await expect(
      card.getByRole('textbox', { name: 'Reason for rejection' }).inputValue(),
    ).resolves.toBe('资料待补充');
    await portal.locator('#lang-toggle').click();
    await tab('企业审核').waitFor();
    await screenshot(portal, 'portal-enterprise-review');

    await card.getByRole('button', { name: '批准', exact: true }).click();
    await toast('已批准企业').waitFor();
    // It is active now, so it leaves the queue of pending ones.
    await card.waitFor({ state: 'detached' });
    await expect(enterpriseByCreditCode()).resolves.toMatchObject({ status: 'active' });
  });

  it('lists the approval in the audit log, with the official as its author', async () => {
    const enterprise = await enterpriseByCreditCode();
    expect(enterprise).toBeDefined();
    await tab('操作日志').click();
    await portal.locator('#af-action').selectOption('enterprise.approved');
    await portal.locator('#af-target-id').fill(enterprise?.id ?? '');
    await portal.getByRole('button', { name: '查询', exact: true }).click();
    const row = portal.locator('#audit-table tbody tr[data-action="enterprise.approved"]', {
      hasText: official,
    });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(enterprise?.id ?? 'no id');
    await expect(portal.locator('#audit-table tbody tr').count()).resolves.toBe(1);
    await screenshot(portal, 'portal-audit');
    await signOut();
  });

  it('registers a tractor, and offers a transfer for a plate another enterprise holds', async () => {
    // Another enterprise holds `heldPlate` (set up through the API: no page of theirs matters).
    const other = `bt-holder-${run}`;
    await call(urls.pass, 'POST', '/v1/enterprises', {
      body: {
        name: `开封车牌持有测试物流 ${run}`,
        creditCode: newCreditCode('410203'),
        divisionCode: '410203',
        contactName: '钱经理',
        contactPhone: '13803780012',
        username: other,
        password,
      },
    });
    await call(urls.pass, 'POST', '/v1/vehicles', {
      token: await login(other, password),
      body: { plate: heldPlate, kind: 'truck', licenceNumber: `HOLD-${run}` },
    });

    await signIn(enterpriseUser, password);
    await tab('车辆').click();
    await portal.locator('#ve-plate').fill(ownPlate);
    await portal.locator('#ve-kind').selectOption('tractor');
    await portal.locator('#ve-trailer').fill(trailerPlate);
    await portal.locator('#ve-licence').fill(`kf ${run}`);
    await portal.getByRole('button', { name: '登记车辆' }).click();
    await toast(ownPlate).waitFor();
    const row = portal.locator('#vehicle-table tbody tr', { hasText: ownPlate });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(trailerPlate);
    await expect(row.textContent()).resolves.toContain(`KF${run.toUpperCase()}`);

    await portal.locator('#ve-plate').fill(heldPlate);
    await portal.locator('#ve-kind').selectOption('truck');
    await portal.locator('#ve-licence').fill(`held-${run}`);
    await portal.getByRole('button', { name: '登记车辆' }).click();
    await portal.locator('.form-error', { hasText: 'PLATE_HELD_BY_OTHER' }).waitFor();
    const offer = portal.locator('.transfer-offer');
    await offer.getByRole('textbox', { name: '过户原因' }).fill('车辆已购入本企业');
    await screenshot(portal, 'portal-vehicles-held');
    await offer.getByRole('button', { name: '申请过户' }).click();
    await toast(`已提交车牌 ${heldPlate} 的过户申请`).waitFor();

    await tab('车牌过户').click();
    const request = portal.locator('article.transfer-item', { hasText: heldPlate });
    await request.waitFor();
    await expect(request.textContent()).resolves.toContain('本企业的申请');
    await expect(request.locator('.badge').textContent()).resolves.toBe('待处理');
  });

  it('applies for a pass with a trailer: the list masks the phone, the pass shows it', async () => {
    await tab('申请通行证').click();
    await portal.locator('#ap-plate').fill(ownPlate);
    await portal.locator('#ap-trailer').fill(trailerPlate);
    await portal.locator('#ap-tonnage').fill('30');
    await portal.locator('#ap-driver').fill('孙师傅');
    await portal.locator('#ap-driver-phone').fill('13903780002');
    await pickDivision(portal, 'ap-origin', '410202');
    await pickDivision(portal, 'ap-destination', '410205');
    await portal.getByRole('button', { name: '提交申请' }).click();
    const dialog = portal.locator('#pass-dialog');
    await dialog.locator('dd', { hasText: trailerPlate }).waitFor();
    await expect(dialog.locator('.facts').textContent()).resolves.toContain('13903780002');
    await dialog.getByRole('button', { name: '关闭' }).click();
    const card = portal.locator('article.pass-item', { hasText: ownPlate });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('139****0002');
    await expect(card.textContent()).resolves.not.toContain('13903780002');
    await signOut();
  });

  it('lets the official approve the plate transfer from the pending queue', async () => {
    await signIn(official, password);
    await tab('车牌过户').click();
    const request = portal.locator('article.transfer-item', { hasText: heldPlate });
    await request.waitFor();
    await screenshot(portal, 'portal-transfers-queue');
    await request.getByRole('button', { name: '批准', exact: true }).click();
    await toast(`已批准车牌 ${heldPlate} 过户`).waitFor();
    await request.waitFor({ state: 'detached' });
    await signOut();
  });
});
