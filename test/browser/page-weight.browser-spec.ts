import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  PHONE,
  artifactsDir,
  launchChromium,
  newContext,
  pageUrl,
  urls,
  withPassService,
} from './support/browser';

/**
 * What each page costs on its first visit (empty cache): the bytes over the wire (headers and
 * the possibly compressed bodies) and the time to `load` on a weak mobile link, Lighthouse's
 * "slow 4G": 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip.
 */
const WEAK_NETWORK = {
  name: 'slow 4G (1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT)',
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
/** A page whose first load takes longer than this on that link is too heavy for a checkpoint. */
const BUDGET_MS = 10000;

interface PageWeight {
  name: string;
  url: string;
  requests: number;
  transferBytes: number;
  bodyBytes: number;
  encodings: string[];
  slowMs: number;
  files: { url: string; transferBytes: number; bodyBytes: number; encoding: string }[];
}

const PAGES = [
  { name: 'portal', url: pageUrl(urls.pass) },
  { name: 'scanner', url: pageUrl(urls.verify, withPassService) },
  { name: 'dashboard', url: pageUrl(urls.reporting, withPassService) },
];

describe('page weight on a first visit', () => {
  let browser: Browser;
  const weights: PageWeight[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(
      path.join(artifactsDir, 'page-sizes.json'),
      `${JSON.stringify({ network: WEAK_NETWORK.name, pages: weights }, null, 2)}\n`,
    );
  });

  it.each(PAGES)('measures the $name', async ({ name, url }) => {
    const measured = await measure(url, false);
    const slow = await measure(url, true);
    weights.push({ name, url, ...measured, slowMs: slow.elapsedMs });
    expect(measured.requests).toBeGreaterThan(2);
    expect(slow.elapsedMs).toBeLessThan(BUDGET_MS);
  });

  async function measure(url: string, throttled: boolean) {
    const context = await newContext(browser);
    await context.route('**/sw.js', (route) => route.abort());
    const page = await context.newPage();
    await page.setViewportSize(PHONE);
    if (throttled) await throttle(page);
    const files: PageWeight['files'] = [];
    const done: Promise<void>[] = [];
    page.on('requestfinished', (request) => {
      done.push(
        (async () => {
          const response = await request.response();
          const sizes = await request.sizes();
          const headers = (await response?.allHeaders()) ?? {};
          const body = (await response?.body().catch(() => Buffer.alloc(0))) ?? Buffer.alloc(0);
          files.push({
            url: request.url(),
            transferBytes: sizes.responseHeadersSize + sizes.responseBodySize,
            bodyBytes: body.length,
            encoding: headers['content-encoding'] ?? 'identity',
          });
        })(),
      );
    });
    const started = Date.now();
    await page.goto(url, { waitUntil: 'load', timeout: 120000 });
    const elapsedMs = Date.now() - started;
    await page.waitForLoadState('networkidle');
    await Promise.all(done);
    await context.close();
    const own = files.filter((f) => !f.url.includes('/v1/'));
    return {
      elapsedMs,
      requests: own.length,
      transferBytes: own.reduce((sum, f) => sum + f.transferBytes, 0),
      bodyBytes: own.reduce((sum, f) => sum + f.bodyBytes, 0),
      encodings: [...new Set(own.map((f) => f.encoding))],
      files: own,
    };
  }
});

async function throttle(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: WEAK_NETWORK.latency,
    downloadThroughput: WEAK_NETWORK.downloadThroughput,
    uploadThroughput: WEAK_NETWORK.uploadThroughput,
  });
}
