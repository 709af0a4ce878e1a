import ExcelJS from 'exceljs';
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { BATCH_COLUMNS } from '../../apps/pass-service/src/batches/batch-columns';
import { activeEnterprise, adminToken } from './support/api';
import { launchPage, pageUrl, screenshot, urls } from './support/browser';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A batch of applications in the portal: an active enterprise downloads the template, picks a
 * filled workbook (two good rows, one whose plate cell holds markup), sees the upload finish and
 * one table row per sheet row, with the issued passes' numbers and the bad cell named as text.
 */
describe('batch applications in the portal, in Chromium', () => {
  const run = randomBytes(3).toString('hex');
  const username = `bt-batch-${run}`;
  const password = `Bt-${randomBytes(9).toString('base64url')}`;
  const digits = () => String(randomInt(100_000)).padStart(5, '0');
  const plates = [`豫B${digits()}`, `豫B${digits()}`];
  const markup = '<img src=x id=injected>';

  let browser: Browser;
  let portal: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    await activeEnterprise(await adminToken(), {
      name: `开封批量测试物流 ${run}`,
      username,
      password,
    });
    ({ browser, page: portal, errors: pageErrors } = await launchPage({ failOnDialog: true }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  async function workbook(): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('rows');
    sheet.addRow(BATCH_COLUMNS.map((c) => c.header));
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const row = (plate: string) => {
      const values: Record<string, string> = {
        plate,
        driverName: '赵师傅',
        driverPhone: '13912345678',
        cargoCategory: '农业生产资料',
        tonnage: '8',
        originDivision: '410202',
        destinationDivision: '410102',
        validFrom: today,
        validUntil: today,
      };
      return BATCH_COLUMNS.map((c) => values[c.field] ?? '');
    };
    sheet.addRow(row(plates[0]));
    sheet.addRow(row(markup));
    sheet.addRow(row(plates[1]));
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it('downloads the template, uploads a workbook and shows each row with its result', async () => {
    await portal.goto(pageUrl(urls.pass));
    await portal.locator('#login-username').fill(username);
    await portal.locator('#login-password').fill(password);
    await portal.locator('.login-card button[type=submit]').click();
    await portal.getByRole('tab', { name: '批量申请', exact: true }).click();

    const [download] = await Promise.all([
      portal.waitForEvent('download'),
      portal.locator('#batch-template').click(),
    ]);
    expect(download.suggestedFilename()).toBe('epass-batch-template.xlsx');
    const template = new ExcelJS.Workbook();
    await template.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    expect(template.worksheets.map((s) => s.name)).toEqual(['批量申请', '代码表']);

    await portal.locator('#batch-file').setInputFiles({
      name: '批量申请.xlsx',
      mimeType: XLSX,
      buffer: await workbook(),
    });
    const rows = portal.locator('#batch-rows tbody tr');
    await rows.nth(2).waitFor();
    expect(await rows.count()).toBe(3);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await rows.nth(i).getAttribute('data-status'));
    expect(statuses).toEqual(['issued', 'invalid', 'issued']);
    await expect(rows.nth(0).locator('td').nth(3).textContent()).resolves.toMatch(/^4102\d{8}$/);
    // The markup from the cell is shown as text and names the plate cell; it never becomes an element.
    await expect(rows.nth(1).locator('td').nth(1).textContent()).resolves.toBe(markup);
    await expect(rows.nth(1).locator('td').nth(4).textContent()).resolves.toContain('车牌号 (A3)');
    expect(await portal.locator('#injected').count()).toBe(0);
    await expect(portal.locator('#batch-counts').textContent()).resolves.toContain('已签发 2');
    await screenshot(portal, 'portal-batch-result');

    // The result file comes back through the same session.
    const [result] = await Promise.all([
      portal.waitForEvent('download'),
      portal.locator('#batch-result').click(),
    ]);
    expect(result.suggestedFilename()).toMatch(/^epass-batch-[0-9a-f-]{36}\.xlsx$/);
  });
});
