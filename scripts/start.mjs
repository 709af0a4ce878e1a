// @ts-check
// `npm start`: installs and builds if needed, starts Kafka and PostgreSQL (or uses yours), migrates,
// starts the three services, seeds a small demo once (skip: `npm start -- --no-demo` or
// EPASS_NO_DEMO=1) and prints where everything is. Ctrl-C stops everything it started.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { installAndBuild } from './lib/install.mjs';
import { log, root, runAsync } from './lib/process.mjs';
import { redact, startStack } from './lib/stack.mjs';

/** @type {Record<string, string>} */
const PAGES = {
  'pass-service': 'enterprise portal and review queue',
  'verify-service': 'checkpoint scanner',
  'reporting-service': 'officials dashboard',
};
/** @typedef {import('./lib/stack.mjs').Stack} Stack */
/** @type {Stack | undefined} */
let stack;
let stopping = false;

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  installAndBuild();
  stack = await startStack({
    kafka: { port: 9092, controllerPort: 9093, stateDir: '.local/kafka' },
    databaseName: 'epass',
    basePort: 3001,
    logDir: path.join(root, '.local', 'logs'),
  });
  stack.onUnexpectedExit((name, how) => {
    process.stderr.write(`[epass] ${name} exited (${how}); see .local/logs/${name}.log\n`);
    void shutdown(1);
  });
  printWelcome(stack);
  if (!process.argv.includes('--no-demo') && process.env.EPASS_NO_DEMO !== '1')
    await seedDemo(stack);
} catch (error) {
  process.stderr.write(`[epass] ${error instanceof Error ? error.message : String(error)}\n`);
  await shutdown(1);
}

/** @param {Stack} stack */
function printWelcome({ env, urls }) {
  log('the platform is up:');
  for (const [name, url] of Object.entries(urls)) {
    log(`  ${name.padEnd(18)} ${url}/  (${PAGES[name]}; API docs /docs, health /health)`);
  }
  log(
    `  admin login: ${env.ADMIN_USERNAME} / ${env.ADMIN_PASSWORD}  (kept in .local/secrets.json)`,
  );
  log('  /metrics: Authorization: Bearer <METRICS_TOKEN in .local/secrets.json>');
  log(
    `  logs: .local/logs/*.log · Kafka ${env.KAFKA_BROKERS} · Postgres ${redact(env.DATABASE_URL)}`,
  );
  printPageSizes();
  log('Ctrl-C stops everything.');
}

/** The built pages' weight, all files of a first visit, as scripts/build-pages.mjs measured it. */
function printPageSizes() {
  const file = path.join(root, 'dist', 'web', 'page-sizes.json');
  if (!existsSync(file)) return;
  /** @type {unknown} */
  const written = JSON.parse(readFileSync(file, 'utf8'));
  const sizes = /** @type {{ page: string, raw: number, br: number }[]} */ (written);
  const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(0)} KB`;
  log('  page sizes (dist/web):');
  for (const { page, raw, br } of sizes)
    log(`    ${page.padEnd(26)} ${kb(raw).padStart(7)}, brotli ${kb(br).padStart(7)}`);
}

/** @param {Stack} stack */
async function seedDemo({ env, urls }) {
  const status = await runAsync(
    process.execPath,
    [path.join(root, 'dist', 'tools', 'demo', 'seed.js')],
    {
      env: {
        ...env,
        DEMO_PASS_URL: urls['pass-service'],
        DEMO_VERIFY_URL: urls['verify-service'],
        DEMO_REPORTING_URL: urls['reporting-service'],
      },
    },
  );
  // The platform stays up without its demo: say so, and keep serving.
  if (status !== 0) log('the demo could not be seeded; the services are up regardless.');
}

/** @param {number} code */
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await stack?.stop();
  log('stopped.');
  process.exit(code);
}
