// @ts-check
// `npm run hostile [-- --quick] [--cases N] [--seed S]`: builds, then attacks the stack that
// `npm start` runs (3001-3003) when all three services answer there, or else a fresh stack of its
// own (Kafka on 18092, database epass_hostile, services on 3201-3203, loopback only). Every
// operation of the three OpenAPI descriptions gets mutated bodies, queries and path parameters
// while innocent users keep working; then the token attacks and the stored-row rules. Prints the
// counts; exits non-zero on any 5xx, failed innocent request, broken rule or successful attack.
// HOSTILE_PASS_URL, HOSTILE_VERIFY_URL and HOSTILE_REPORTING_URL pick other running services
// (loopback addresses only); DATABASE_URL their database.
import path from 'node:path';
import { installAndBuild } from './lib/install.mjs';
import { DEFAULT_DATABASE_URL } from './lib/postgres.mjs';
import { log, root, runAsync } from './lib/process.mjs';
import { localSecrets } from './lib/secrets.mjs';
import { startStack } from './lib/stack.mjs';

const args = process.argv.slice(2);
const KAFKA = { port: 18092, controllerPort: 18093, stateDir: '.local/kafka-hostile' };
const RUNNING = {
  HOSTILE_PASS_URL: process.env.HOSTILE_PASS_URL ?? 'http://127.0.0.1:3001',
  HOSTILE_VERIFY_URL: process.env.HOSTILE_VERIFY_URL ?? 'http://127.0.0.1:3002',
  HOSTILE_REPORTING_URL: process.env.HOSTILE_REPORTING_URL ?? 'http://127.0.0.1:3003',
};
// Where `npm start` keeps its data: the local server, else its embedded fallback (port 5433).
const RUNNING_DATABASES = [
  ...(process.env.DATABASE_URL ? [process.env.DATABASE_URL] : []),
  DEFAULT_DATABASE_URL,
  'postgres://postgres:postgres@127.0.0.1:5433/epass',
];

let stack;
let exitCode = 1;
try {
  installAndBuild();
  const answering = await Promise.all(
    Object.values(RUNNING).map((url) => answers(`${url}/health`)),
  );
  let env;
  if (answering.every(Boolean)) {
    const databaseUrl = await findDatabase(RUNNING_DATABASES);
    log(`attacking the running services (${Object.values(RUNNING).join(', ')})`);
    env = { ...process.env, ...localSecrets(), ...RUNNING, DATABASE_URL: databaseUrl };
  } else if (answering.some(Boolean)) {
    throw new Error(
      `only some of ${Object.values(RUNNING).join(', ')} answer: start all three (npm start) or stop them`,
    );
  } else {
    stack = await startStack({
      kafka: KAFKA,
      freshKafka: true,
      databaseName: 'epass_hostile',
      freshDatabase: true,
      basePort: 3201,
      logDir: path.join(root, '.local', 'logs', 'hostile'),
      extraEnv: { LOG_LEVEL: 'warn' },
    });
    stack.onUnexpectedExit((name, how) => {
      process.stderr.write(
        `[epass] ${name} exited (${how}) under attack; see .local/logs/hostile/\n`,
      );
    });
    env = {
      ...stack.env,
      HOSTILE_PASS_URL: stack.urls['pass-service'],
      HOSTILE_VERIFY_URL: stack.urls['verify-service'],
      HOSTILE_REPORTING_URL: stack.urls['reporting-service'],
    };
  }
  exitCode = await runAsync(
    process.execPath,
    [path.join(root, 'dist', 'tools', 'hostile', 'main.js'), ...args],
    { env },
  );
} catch (error) {
  process.stderr.write(`[epass] ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await stack?.stop();
}
process.exit(exitCode);

/** @param {string} url */
async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * The first database that answers and holds pass-service's schema: the running stack's.
 * @param {string[]} candidates
 */
async function findDatabase(candidates) {
  const { default: pg } = await import('pg');
  for (const url of candidates) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      const { rows } = await client.query(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = 'pass' AND table_name = 'passes'",
      );
      if (rows.length > 0) return url;
    } catch {
      // not this one
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(
    'the running services answer, but no database with their tables was found: set DATABASE_URL to theirs',
  );
}
