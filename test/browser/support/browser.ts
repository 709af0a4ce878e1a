import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where scripts/browser-tests.mjs started the stack (3401-3403). */
export const urls = {
  pass: process.env.BROWSER_PASS_URL ?? 'http://127.0.0.1:3401',
  verify: process.env.BROWSER_VERIFY_URL ?? 'http://127.0.0.1:3402',
  reporting: process.env.BROWSER_REPORTING_URL ?? 'http://127.0.0.1:3403',
};

/**
 * `localhost` rather than 127.0.0.1 for the pages: both are secure contexts (camera, WebCrypto,
 * service worker), and the stack allows the localhost origins in pass-service's CORS list.
 */
export const pageUrl = (base: string, search = ''): string =>
  `${base.replace('127.0.0.1', 'localhost')}/${search}`;

/** The scanner and the dashboard log in against pass-service on another port than 3001. */
export const withPassService = `?passService=${encodeURIComponent(urls.pass)}`;

export const artifactsDir = path.resolve(__dirname, '..', '..', '..', 'artifacts');
export const screenshotsDir = path.join(artifactsDir, 'screenshots');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/**
 * Debian's chromium, headless. Without the background-networking flags Chromium's own connections
 * (updates, sync, safe browsing) fail on a closed network and slow everything down.
 */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    timeout: 120000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** A fresh context as a checkpoint or office would have it: Shanghai time, desktop size. */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: DESKTOP,
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(60000);
  context.setDefaultNavigationTimeout(90000);
  return context;
}

/**
 * Fails the test on an uncaught page error instead of letting it hide behind a timeout, and on
 * anything the Content-Security-Policy refused (a blocked script, style or call only logs).
 */
export function collectPageErrors(page: Page, errors: string[] = []): string[] {
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      errors.push(`${page.url()}: ${message.text()}`);
  });
  return errors;
}

/** A full-page screenshot at desktop size and at phone size, then back to where it was. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  const before = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(DESKTOP);
  await settle(page);
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await settle(page);
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.phone.png`), fullPage: true });
  await page.setViewportSize(before);
}

/** Two animation frames, so a resize or a chart redraw is painted before the picture. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
  );
  await page.waitForTimeout(300);
}
