// @ts-check
// `npm run test:browser [-- <jest args>]`: the pages driven in headless Chromium against a real
// stack. Installs Debian's chromium if it is missing (never a downloaded browser), builds, starts a
// fresh stack of its own (Kafka on 19392, database epass_browser, services on 3401-3403, loopback
// only), runs Jest on test/browser against the built pages (dist/web), stops the stack.
// Screenshots go to artifacts/screenshots/, page weights to artifacts/page-sizes.json. The exit
// code is Jest's. `npm test` runs it after the Jest suite.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { installAndBuild } from './lib/install.mjs';
import { jestBin, log, root, runAsync } from './lib/process.mjs';
import { startStack } from './lib/stack.mjs';

const CHROMIUM = '/usr/bin/chromium';
const jestArgs = process.argv.slice(2);
const BROWSER_DEADLINE_MS = 20 * 60_000;
let stack;
let exitCode = 1;

try {
  ensureChromium();
  // `npm test` has just built everything (pages included, into dist/web) before calling this.
  if (process.env.EPASS_BUILT !== '1') installAndBuild();
  stack = await startStack({
    kafka: { port: 19392, controllerPort: 19393, stateDir: '.local/kafka-browser' },
    freshKafka: true,
    databaseName: 'epass_browser',
    freshDatabase: true,
    basePort: 3401,
    logDir: path.join(root, '.local', 'logs', 'browser'),
    // Access tokens of 10 s: every page must renew its session silently, again and again, during
    // these tests (the scanner's shift test counts on it).
    extraEnv: { LOG_LEVEL: 'warn', ACCESS_TOKEN_TTL_SECONDS: '10' },
  });
  stack.onUnexpectedExit((name, how) => {
    process.stderr.write(
      `[epass] ${name} exited (${how}) during the browser tests; see .local/logs/browser/\n`,
    );
  });
  log('stack up; running the browser tests…');
  const started = Date.now();
  exitCode = await runAsync(
    process.execPath,
    // No --forceExit, as in scripts/test.mjs: the browser suites close what they open. A run
    // still alive after BROWSER_DEADLINE_MS is hung (the suite takes about 3 minutes): killed.
    [jestBin, '--config', 'test/browser/jest.config.js', '--runInBand', ...jestArgs],
    {
      timeout: BROWSER_DEADLINE_MS,
      killSignal: 'SIGKILL',
      env: {
        ...stack.env,
        CHROMIUM_PATH: CHROMIUM,
        BROWSER_PASS_URL: stack.urls['pass-service'],
        BROWSER_VERIFY_URL: stack.urls['verify-service'],
        BROWSER_REPORTING_URL: stack.urls['reporting-service'],
      },
    },
  );
  const took = Date.now() - started;
  if (took >= BROWSER_DEADLINE_MS)
    log('the browser tests had not exited by their deadline and were killed');
  log(`browser tests took ${Math.round(took / 1000)} s`);
  printPageSizes();
} catch (error) {
  process.stderr.write(`[epass] ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await stack?.stop();
}
process.exit(exitCode);

function ensureChromium() {
  // Without a CJK font the screenshots show boxes for every Chinese character (5 MB package).
  const cjk = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  if (existsSync(CHROMIUM) && cjk.stdout?.trim()) return;
  const packages = [
    ...(existsSync(CHROMIUM) ? [] : ['chromium']),
    ...(cjk.stdout?.trim() ? [] : ['fonts-wqy-microhei']),
  ];
  log(`installing Debian’s ${packages.join(' and ')} (apt-get install -y)…`);
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  // A stale package index is the usual reason the first try fails.
  if (!install()) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    install();
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing and 'apt-get install -y chromium' did not install it. ` +
        'Install Debian’s chromium package as root (apt-get install chromium) and run again; ' +
        'the tests never download a browser of their own.',
    );
  }
}

function printPageSizes() {
  const file = path.join(root, 'artifacts', 'page-sizes.json');
  if (!existsSync(file)) return;
  // Written by test/browser/page-weight.browser-spec.ts.
  /** @type {unknown} */
  const written = JSON.parse(readFileSync(file, 'utf8'));
  const sizes =
    /** @type {{ network: string, pages: { name: string, requests: number, transferBytes: number,
     *   bodyBytes: number, encodings: string[], slowMs?: number }[] }} */ (written);
  const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
  log('page weight on first load (empty cache):');
  for (const page of sizes.pages) {
    log(
      `  ${page.name.padEnd(10)} ${String(page.requests).padStart(2)} requests, ` +
        `${kb(page.transferBytes).padStart(9)} over the wire, ${kb(page.bodyBytes).padStart(9)} ` +
        `uncompressed, ${page.encodings.join('+') || 'identity'}` +
        (page.slowMs ? `; ${(page.slowMs / 1000).toFixed(1)} s to load on ${sizes.network}` : ''),
    );
  }
}
