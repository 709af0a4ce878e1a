// @ts-check
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { kafkaInstance } from './kafka.mjs';
import { resolvePostgres } from './postgres.mjs';
import { log, root, runOrFail, startChild, waitForHttp } from './process.mjs';
import { localSecrets } from './secrets.mjs';

export const SERVICE_NAMES = ['pass-service', 'verify-service', 'reporting-service'];

/**
 * Node flags of every service process. The live heap of a service under load is about 40 MB, but
 * V8 lets garbage pile up to several times that between full collections when the heap is
 * unbounded; a 128 MB old space keeps each service well under 256 MB RSS at a small CPU cost
 * (docs/operations.md). The Dockerfile starts the services with the same flag.
 */
export const SERVICE_NODE_FLAGS = ['--max-old-space-size=128'];

/** @param {string} name a service's name */
export function mainOf(name) {
  return path.join(root, 'dist', 'apps', name, 'src', 'main.js');
}

/**
 * Starts Kafka, PostgreSQL (or uses what is there), migrates the three schemas and starts the
 * three services from dist/. `npm start`, `npm run bench` and `npm run simulate` share this;
 * they differ only in ports, state directories and whether the data is fresh.
 *
 * `databaseUrl`: the database to use instead of resolving one (a server the caller runs and
 * stops itself, e.g. the drills' own PostgreSQL).
 *
 * Returns { env, urls, ports, children, kafka, stop(), stopService(), startService(),
 * startReplica(), onUnexpectedExit(fn) }.
 * @param {{ kafka: Parameters<typeof kafkaInstance>[0], freshKafka?: boolean,
 *   databaseName: string, databaseUrl?: string, freshDatabase?: boolean, basePort: number,
 *   logDir: string, extraEnv?: Record<string, string> }} options
 */
export async function startStack({
  kafka: kafkaOptions,
  freshKafka = false,
  databaseName,
  databaseUrl,
  freshDatabase = false,
  basePort,
  logDir,
  extraEnv = {},
}) {
  const kafka = kafkaInstance(kafkaOptions);
  const kafkaStartedHere = !kafka.isRunning();
  if (freshKafka) kafka.reset();
  kafka.start();
  const database = databaseUrl
    ? { url: databaseUrl, stop: () => Promise.resolve() }
    : await resolvePostgres({ databaseName });
  if (freshDatabase) await recreateDatabase(database.url);

  const ports = Object.fromEntries(SERVICE_NAMES.map((name, i) => [name, basePort + i]));
  const urls = Object.fromEntries(
    SERVICE_NAMES.map((name) => [name, `http://127.0.0.1:${ports[name]}`]),
  );
  const env = {
    ...process.env,
    ...localSecrets(),
    DATABASE_URL: database.url,
    KAFKA_BROKERS: kafka.brokers,
    PASS_SERVICE_URL: urls['pass-service'],
    // The scanner and the dashboard log in against pass-service from their own origins.
    CORS_ORIGINS: ['verify-service', 'reporting-service']
      .flatMap((name) => [urls[name], urls[name].replace('127.0.0.1', 'localhost')])
      .join(','),
    // …and may be opened as localhost or 127.0.0.1: pass-service under either name is in their CSP.
    PAGE_CONNECT_ORIGINS: [
      urls['pass-service'],
      urls['pass-service'].replace('127.0.0.1', 'localhost'),
    ].join(','),
    // Every client of the local stack is 127.0.0.1, and the simulation registers hundreds of
    // enterprises (one per 200 passes) through the public API.
    REGISTRATION_MAX_PER_IP: '100000',
    // The local demo's webhook receivers run on this machine; production admits no such network.
    WEBHOOK_ALLOWED_NETWORKS: 'loopback',
    RUN_MIGRATIONS: 'false',
    ...extraEnv,
  };
  /** @type {Map<string, import('node:child_process').ChildProcess>} */
  const children = new Map();
  let stopping = false;
  /** @type {(key: string, codeOrSignal: number | NodeJS.Signals | null) => void} */
  let onUnexpectedExit = () => undefined;

  // `key` names the process: the service's name, or `<name>@<port>` for an extra replica.
  const startService = (/** @type {string} */ name, key = name, port = ports[name]) => {
    const logName = key === name ? name : `${name}-${port}`;
    const out = createWriteStream(path.join(logDir, `${logName}.log`), { flags: 'a' });
    const child = startChild(process.execPath, [...SERVICE_NODE_FLAGS, mainOf(name)], {
      env: { ...env, PORT: String(port) },
      out,
    });
    children.set(key, child);
    child.on('exit', (code, signal) => {
      if (children.get(key) === child) children.delete(key);
      if (!stopping && !expectedExits.delete(child)) onUnexpectedExit(key, code ?? signal);
    });
    return child;
  };
  /** @type {Set<import('node:child_process').ChildProcess>} */
  const expectedExits = new Set();

  const stop = async () => {
    stopping = true;
    await Promise.all([...children.values()].map((child) => stopChild(child)));
    if (kafkaStartedHere || freshKafka) kafka.stop();
    await database.stop();
  };

  try {
    log('migrating the three schemas…');
    for (const name of SERVICE_NAMES)
      runOrFail(process.execPath, [mainOf(name), 'migrate'], { env });
    mkdirSync(logDir, { recursive: true });
    // pass-service first: it creates the signing keys the others fetch when they start.
    const [first, ...rest] = SERVICE_NAMES;
    startService(first);
    await waitForHttp(`${urls[first]}/health`, 90000);
    for (const name of rest) startService(name);
    await Promise.all(rest.map((name) => waitForHttp(`${urls[name]}/health`, 90000)));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    env,
    urls,
    ports,
    children,
    kafka,
    stop,
    /**
     * Stops one service (SIGTERM, or e.g. SIGKILL for a crash drill) and waits for its exit.
     * @param {string} name
     * @param {NodeJS.Signals} [signal]
     */
    async stopService(name, signal = 'SIGTERM') {
      const child = children.get(name);
      if (!child) return;
      expectedExits.add(child);
      await stopChild(child, signal);
    },
    /** Starts a stopped service again and waits until its /health answers. @param {string} name */
    async startService(name) {
      startService(name);
      await waitForHttp(`${urls[name]}/health`, 90000);
    },
    /**
     * Starts one more process of a service on another port (same database, same consumer group)
     * and waits until its /health answers. It is stopped with the stack, or by
     * stopService(`<name>@<port>`).
     * @param {string} name
     * @param {number} port
     */
    async startReplica(name, port) {
      const key = `${name}@${port}`;
      const child = startService(name, key, port);
      const url = `http://127.0.0.1:${port}`;
      await waitForHttp(`${url}/health`, 90000);
      return { key, url, pid: child.pid };
    },
    /** @param {typeof onUnexpectedExit} fn */
    onUnexpectedExit(fn) {
      onUnexpectedExit = fn;
    },
  };
}

/**
 * @param {import('node:child_process').ChildProcess} child
 * @param {NodeJS.Signals} [signal]
 * @returns {Promise<void>}
 */
function stopChild(child, signal = 'SIGTERM') {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** @typedef {Awaited<ReturnType<typeof startStack>>} Stack */

/** @param {string} url */
export async function recreateDatabase(url) {
  const { default: pg } = await import('pg');
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/** @param {string} url @returns {string} the URL with its password masked */
export function redact(url) {
  return url.replace(/:[^:@/]+@/, ':***@');
}
