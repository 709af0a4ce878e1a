// @ts-check
// `npm test`: installs and builds if needed, starts a throwaway Kafka broker and a fresh test
// database, runs lint and the whole Jest suite (unit, integration, e2e), stops what it started,
// then runs the browser tests (scripts/browser-tests.mjs, a stack of their own).
// Extra arguments go to Jest alone, without lint and browsers: `npm test -- libs/messaging`.
import { installAndBuild } from './lib/install.mjs';
import { kafkaInstance } from './lib/kafka.mjs';
import { resolvePostgres } from './lib/postgres.mjs';
import path from 'node:path';
import { jestBin, log, root, runAsync } from './lib/process.mjs';
import { recreateDatabase, redact } from './lib/stack.mjs';
import { spawnSync } from 'node:child_process';

const jestArgs = process.argv.slice(2);
const JEST_DEADLINE_MS = 45 * 60_000;
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
  // No --forceExit: services stop their timers and wait for their work before the database and
  // Kafka close (PeriodicTask, the consumer's offset commits, TrackedSockets). Jest's exit keeps a
  // process.exitCode set in its process, so a leak shows as status 1 even when every test passed:
  // look above the summary for "Cannot log after tests are done" or "import … after the Jest
  // environment has been torn down" (test/support/report-exit-code.ts says when it is set).
  // A run that has not exited in JEST_DEADLINE_MS is hung, not slow (the whole suite takes about
  // 10 minutes): it is killed and fails, instead of using up CI's time.
  const jest = spawnSync(process.execPath, [jestBin, '--runInBand', ...jestArgs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...kafka.env, DATABASE_URL: database.url, KAFKA_BROKERS: kafka.brokers },
    timeout: JEST_DEADLINE_MS,
    killSignal: 'SIGKILL',
  });
  if (jest.error?.message.includes('ETIMEDOUT')) {
    log(
      `jest had not exited after ${JEST_DEADLINE_MS / 60_000} min and was killed: a handle left open? (npx jest --detectOpenHandles)`,
    );
  } else if (jest.signal) log(`jest was ended by ${jest.signal}`);
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
