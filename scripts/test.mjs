// @ts-check
// `npm test`: installs and builds if needed, starts a throwaway Kafka broker and a fresh test
// database, runs lint and the whole Jest suite (unit, integration, e2e), stops what it started,
// then runs the browser tests (scripts/browser-tests.mjs, a stack of their own).
// Extra arguments go to Jest alone, without lint and browsers: `npm test -- libs/messaging`.
import { installAndBuild } from './lib/install.mjs';
import { kafkaInstance } from './lib/kafka.mjs';
import { resolvePostgres } from './lib/postgres.mjs';
import path from 'node:path';
import { log, root, runAsync } from './lib/process.mjs';
import { recreateDatabase, redact } from './lib/stack.mjs';
import { spawnSync } from 'node:child_process';

const jestArgs = process.argv.slice(2);
const kafka = kafkaInstance({ port: 29092, controllerPort: 29093, stateDir: '.local/kafka-test' });
let database;
let exitCode = 1;

try {
  installAndBuild();
  if (jestArgs.length === 0) {
    log('lint (tsc, eslint, prettier)…');
    if (
      spawnSync('npm', ['run', '--silent', 'lint'], { cwd: root, stdio: 'inherit' }).status !== 0
    ) {
      throw new Error('lint failed');
    }
  }
  kafka.reset();
  kafka.start();
  database = await resolvePostgres({ databaseName: 'epass_test' });
  await recreateDatabase(database.url);
  log(`tests against Kafka ${kafka.brokers} and ${redact(database.url)}`);
  // --forceExit still. Without it the whole suite exited on its own in 6 runs of 7 (2026-12-03).
  // The 7th ended with status 1 although every test passed: verify-service's revocation poll
  // logged a query failure after its suite had ended, and Jest sets the exit code for a log after
  // the tests (fixed: RevocationList now stops and waits for its poll at shutdown). Stop 21's one
  // run that did not exit is not explained. Drop the flag once several runs exit cleanly.
  const jest = spawnSync('npx', ['jest', '--runInBand', '--forceExit', ...jestArgs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...kafka.env, DATABASE_URL: database.url, KAFKA_BROKERS: kafka.brokers },
  });
  if (jest.signal) log(`jest was ended by ${jest.signal}`);
  exitCode = jest.status ?? 1;
} catch (error) {
  process.stderr.write(`[epass] ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  kafka.stop();
  await database?.stop();
}
if (exitCode === 0 && jestArgs.length === 0) {
  log('browser tests (headless Chromium against a stack of their own)…');
  exitCode = await runAsync(process.execPath, [path.join(root, 'scripts', 'browser-tests.mjs')], {
    env: { ...process.env, EPASS_BUILT: '1' },
  });
}
process.exit(exitCode);
