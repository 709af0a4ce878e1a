import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { adminToken, checkpointOfficer } from './support/api';
import {
  artifactsDir,
  launchPage,
  pageUrl,
  screenshot,
  urls,
  withPassService,
} from './support/browser';

interface Control {
  id: string;
  tag: string;
  name: string;
}

/**
 * The scanner without a mouse: every control has an accessible name, Tab reaches each of them,
 * a hardware scanner's text plus Enter gives a verdict that is announced, Escape goes back.
 */
describe('the scanner by keyboard and screen reader', () => {
  const run = randomBytes(3).toString('hex');
  const officer = `bt-kbd-${run}`;
  const password = `Bt-${randomBytes(9).toString('base64url')}`;
  const checkpointCode = `BK-${run.toUpperCase()}`;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await checkpointOfficer(
      await adminToken(),
      { code: checkpointCode, name: '键盘测试检查站' },
      [officer],
      password,
    );
    ({ browser, page } = await launchPage({ errors: pageErrors }));
    await page.goto(pageUrl(urls.verify, withPassService));
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => expect(pageErrors).toEqual([]));

  /** The focusable controls in view, with the name assistive technology gives them. */
  const controls = (): Promise<Control[]> =>
    page.evaluate<Control[]>(`[...document.querySelectorAll('input, select, textarea, button')]
      .filter((el) => el.offsetParent !== null || el.closest('#verdict:not([hidden])'))
      .map((el) => ({
        id: el.id,
        tag: el.tagName.toLowerCase(),
        name: (
          el.getAttribute('aria-label') ||
          (el.getAttribute('aria-labelledby') || '')
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent || '')
            .join(' ') ||
          [...(el.labels || [])].map((l) => l.textContent).join(' ') ||
          (el.tagName === 'BUTTON' ? el.textContent : '')
        ).trim(),
      }))`);

  const focused = (): Promise<string> =>
    page.evaluate<string>(
      `document.activeElement?.id || document.activeElement?.dataset?.direction || document.activeElement?.tagName`,
    );

  it('keeps the username typed in the login form across a language switch', async () => {
    const username = page.locator('#login-username');
    await username.fill('half-typed');
    const title = () => page.locator('.login-card h2').textContent();
    const before = await title();
    const titleIs = (same: boolean) =>
      page.waitForFunction(
        `(document.querySelector('.login-card h2')?.textContent === ${JSON.stringify(before)}) === ${same}`,
      );
    await page.locator('#lang-toggle').click();
    await titleIs(false);
    expect(await title()).not.toBe(before);
    expect(await username.inputValue()).toBe('half-typed');
    await page.locator('#lang-toggle').click();
    await titleIs(true);
    expect(await username.inputValue()).toBe('half-typed');
    await username.fill('');
    await username.focus();
  });

  it('signs in with the keyboard alone', async () => {
    await page.locator('#login-username').waitFor();
    for (const control of await controls()) expect(control).toMatchObject({ name: /\S/ });
    expect(await focused()).toBe('login-username');
    await page.keyboard.type(officer);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('login-password');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.locator('#scanner').waitFor({ state: 'visible' });
  });

  it('names every control and reaches each one with Tab', async () => {
    const all = await controls();
    const unnamed = all.filter((control) => !control.name);
    expect(unnamed).toEqual([]);
    const reached = new Set<string>();
    await page.locator('body').focus();
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      reached.add(await focused());
    }
    for (const id of [
      'lang-toggle',
      'logout',
      'entry',
      'exit',
      'camera-toggle',
      'qr-input',
      'paste',
      'observed-plate',
      'sync-now',
    ])
      expect([...reached]).toContain(id);
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(
      path.join(artifactsDir, 'scanner-aria-snapshot.yml'),
      await page.locator('body').ariaSnapshot(),
    );
  });

  it('takes a hardware scan with Enter, announces the verdict and returns with Escape', async () => {
    await page.locator('#qr-input').focus();
    await page.keyboard.type('https://example.com/not-a-pass');
    await page.keyboard.press('Enter');
    await page.locator('#verdict').waitFor({ state: 'visible' });
    expect(await focused()).toBe('verdict-close');
    await expect(page.locator('#verdict').getAttribute('role')).resolves.toBe('alertdialog');
    await expect(page.locator('#verdict-announce').textContent()).resolves.toContain(
      '不是通行证 · Not a pass',
    );
    await expect(page.locator('#verdict-announce').getAttribute('aria-live')).resolves.toBe(
      'assertive',
    );
    await screenshot(page, 'scanner-rejected-keyboard');
    await page.keyboard.press('Escape');
    await page.locator('#verdict').waitFor({ state: 'hidden' });
    expect(await focused()).toBe('qr-input');
  });

  it('chooses the direction with the keyboard', async () => {
    await page.locator('[data-direction="exit"]').focus();
    await page.keyboard.press('Space');
    await expect(
      page.locator('[data-direction="exit"]').getAttribute('aria-checked'),
    ).resolves.toBe('true');
    await page.keyboard.press('Enter');
    await page.locator('[data-direction="entry"]').focus();
    await page.keyboard.press('Enter');
    await expect(
      page.locator('[data-direction="entry"]').getAttribute('aria-checked'),
    ).resolves.toBe('true');
  });
});
