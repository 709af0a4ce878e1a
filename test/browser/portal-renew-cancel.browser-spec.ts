import { randomBytes } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { activeEnterprise, adminToken, call, login } from './support/api';
import { launchPage, pageUrl, urls } from './support/browser';

interface PassItem {
  id: string;
  status: string;
  passNumber: string | null;
  plate: string;
  renewedFrom: string | null;
}

/**
 * An enterprise renews an issued pass from its dialog (the next window is prefilled, the new
 * pass opens, linked to the earlier one), is refused a second renewal for the same window with
 * the API's message in the language the page shows (Chinese, then English after the switch), and
 * cancels an application waiting for review.
 */
describe('renewing and cancelling in the portal, in Chromium', () => {
  const run = randomBytes(3).toString('hex');
  const password = `Rc-${randomBytes(9).toString('base64url')}`;
  const enterpriseUser = `rc-ent-${run}`;
  const plate = `豫B${(parseInt(run, 16) % 90000) + 10000}`;

  let browser: Browser;
  let portal: Page;
  let pageErrors: string[];
  let token = '';
  let issued: PassItem;
  let pending: PassItem;

  const apply = (body: Record<string, unknown>) =>
    call<PassItem>(urls.pass, 'POST', '/v1/passes', {
      token,
      body: {
        plate,
        driverName: '李师傅',
        driverPhone: '13903780002',
        cargoCategory: 'medical',
        tonnage: '8.25',
        originDivision: '410202',
        destinationDivision: '410102',
        validFrom: new Date(Date.now()).toISOString(),
        validUntil: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        ...body,
      },
    });

  beforeAll(async () => {
    await activeEnterprise(await adminToken(), {
      name: `开封续办测试物流有限公司 ${run}`,
      username: enterpriseUser,
      password,
    });
    token = await login(enterpriseUser, password);
    issued = await apply({});
    expect(issued.status).toBe('issued');
    pending = await apply({
      plate: `豫C${(parseInt(run, 16) % 90000) + 10000}`,
      destinationDivision: '440103',
    });
    expect(pending.status).toBe('pending_review');

    ({ browser, page: portal, errors: pageErrors } = await launchPage());
    await portal.goto(pageUrl(urls.pass));
    await portal.locator('#login-username').fill(enterpriseUser);
    await portal.locator('#login-password').fill(password);
    await portal.locator('.login-card button[type=submit]').click();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  const toast = (text: string): Locator => portal.locator('#toasts .toast', { hasText: text });
  const dialog = () => portal.locator('#pass-dialog');
  async function open(id: string, tabName: string): Promise<void> {
    await portal.getByRole('tab', { name: tabName, exact: true }).click();
    await portal.locator(`article.pass-item[data-pass="${id}"] .pass-open`).click();
    await dialog().waitFor();
  }

  it('renews an issued pass for the prefilled next window and shows the new one', async () => {
    await open(issued.id, '我的通行证');
    await dialog().getByRole('button', { name: '续办', exact: true }).click();
    const from = dialog().locator(`#renew-from-${issued.id}`);
    await from.waitFor();
    expect(await from.inputValue()).not.toBe('');
    await dialog().getByRole('button', { name: '提交续办申请' }).click();
    await toast('已续办').waitFor();
    await dialog().getByText(issued.id).waitFor();
    const list = await call<{ items: PassItem[] }>(urls.pass, 'GET', '/v1/passes?limit=10', {
      token: await login(enterpriseUser, password),
    });
    const renewal = list.items.find((p) => p.renewedFrom === issued.id);
    expect(renewal).toMatchObject({ status: 'issued', plate });
  });

  it('shows the refusal of an overlapping renewal in the page’s language', async () => {
    await portal.keyboard.press('Escape');
    await open(issued.id, '我的通行证');
    await dialog().getByRole('button', { name: '续办', exact: true }).click();
    await dialog().getByRole('button', { name: '提交续办申请' }).click();
    await toast('该车牌在重叠的时段内已有审核中或已签发的通行证。 (PASS_OVERLAPS)').waitFor();

    await portal.keyboard.press('Escape');
    await portal.locator('#lang-toggle').click();
    await open(issued.id, 'My passes');
    await dialog().getByRole('button', { name: 'Renew', exact: true }).click();
    await dialog().getByRole('button', { name: 'Apply for the renewal' }).click();
    await toast('overlapping period. (PASS_OVERLAPS)').waitFor();
    await portal.keyboard.press('Escape');
    await portal.locator('#lang-toggle').click();
  });

  it('cancels an application waiting for review', async () => {
    await open(pending.id, '我的通行证');
    await dialog().getByRole('button', { name: '撤回申请' }).click();
    await toast('申请已撤回').waitFor();
    await dialog().locator('.badge-cancelled').first().waitFor();
    const after = await call<PassItem>(urls.pass, 'GET', `/v1/passes/${pending.id}`, {
      token: await login(enterpriseUser, password),
    });
    expect(after.status).toBe('cancelled');
  });
});
