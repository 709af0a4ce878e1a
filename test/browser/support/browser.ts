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

export interface LaunchedPage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** What `collectPageErrors` found on the page (the array passed in, if one was). */
  errors: string[];
}

/**
 * Chromium with one fresh context (`newContext`) and one page in it whose errors are collected.
 * With `camera`, a Y4M video (support/fake-camera.ts) that Chromium's fake camera plays, which
 * the scanner's origin may use without asking: the video is a launch flag, so a browser of its own.
 * With `failOnDialog`, an alert or confirm is dismissed and counted as an error: on a page fed
 * markup, a dialog would mean that script ran.
 */
export async function launchPage({
  camera,
  errors = [],
  failOnDialog = false,
}: { camera?: string; errors?: string[]; failOnDialog?: boolean } = {}): Promise<LaunchedPage> {
  const browser = await launchChromium(
    camera
      ? [
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
          `--use-file-for-fake-video-capture=${camera}`,
        ]
      : [],
  );
  const context = await newContext(browser);
  if (camera)
    await context.grantPermissions(['camera'], { origin: new URL(pageUrl(urls.verify)).origin });
  const page = await context.newPage();
  collectPageErrors(page, errors);
  if (failOnDialog)
    page.on('dialog', (dialog) => {
      errors.push(`unexpected dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
  return { browser, context, page, errors };
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

/** About 10 s at 60 frames a second: ECharts' entry animation lasts 1 s. */
const SETTLE_FRAMES = 600;

/**
 * In the page: true once its fonts are loaded and every ECharts chart (`[_echarts_instance_]`, set
 * by `echarts.init`) is drawn the same in three frames in a row, so that a resize and the chart's
 * entry animation have ended; false if they still move after SETTLE_FRAMES frames. The dashboard
 * does not honour `prefers-reduced-motion`, so its charts animate. A page without a chart is
 * still after two animation frames.
 */
const STILL = `document.fonts.ready.then(() => new Promise((resolve) => {
  const drawn = () => [...document.querySelectorAll('[_echarts_instance_] canvas')]
    .map((canvas) => canvas.toDataURL()).join(' ');
  let last = drawn();
  let same = 0;
  let frames = 0;
  const next = () => requestAnimationFrame(() => {
    const now = drawn();
    same = now === last ? same + 1 : 0;
    last = now;
    if (same >= 2) resolve(true);
    else if (++frames > ${SETTLE_FRAMES}) resolve(false);
    else next();
  });
  next();
}))`;

/** Until the page is still enough for a picture (STILL). */
async function settle(page: Page): Promise<void> {
  if (!(await page.evaluate<boolean>(STILL)))
    throw new Error(`the charts were still moving after ${SETTLE_FRAMES} frames`);
}
