// `npm start`: installs and builds if needed, starts Kafka and PostgreSQL (or uses yours), migrates,
// starts the three services and prints where they are. Ctrl-C stops everything it started.
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { installAndBuild } from './lib/install.mjs';
import { kafkaInstance } from './lib/kafka.mjs';
import { resolvePostgres } from './lib/postgres.mjs';
import { log, root, runOrFail, startChild, waitForHttp } from './lib/process.mjs';
import { localSecrets } from './lib/secrets.mjs';

const SERVICES = [
  { name: 'pass-service', port: 3001, page: 'enterprise portal and review queue' },
  { name: 'verify-service', port: 3002, page: 'checkpoint scanner' },
  { name: 'reporting-service', port: 3003, page: 'officials dashboard' },
];
const logDir = path.join(root, '.local', 'logs');
const children = new Map();
let kafka;
let kafkaStartedHere = false;
let database;
let stopping = false;

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  installAndBuild();
  kafka = kafkaInstance({ port: 9092, controllerPort: 9093, stateDir: '.local/kafka' });
  kafkaStartedHere = !kafka.isRunning();
  kafka.start();
  database = await resolvePostgres({ databaseName: 'epass' });
  const env = {
    ...process.env,
    ...localSecrets(),
    DATABASE_URL: database.url,
    KAFKA_BROKERS: kafka.brokers,
    PASS_SERVICE_URL: 'http://127.0.0.1:3001',
    RUN_MIGRATIONS: 'false',
  };
  log('migrating the three schemas…');
  for (const service of SERVICES)
    runOrFail(process.execPath, [mainOf(service.name), 'migrate'], { env });

  mkdirSync(logDir, { recursive: true });
  for (const service of SERVICES) startService(service, env);
  await Promise.all(SERVICES.map((s) => waitForHttp(`http://127.0.0.1:${s.port}/health`, 90000)));
  printWelcome(env);
} catch (error) {
  process.stderr.write(`[epass] ${error instanceof Error ? error.message : String(error)}\n`);
  await shutdown(1);
}

function mainOf(name) {
  return path.join(root, 'dist', 'apps', name, 'src', 'main.js');
}

function startService(service, env) {
  const out = createWriteStream(path.join(logDir, `${service.name}.log`), { flags: 'a' });
  const child = startChild(process.execPath, [mainOf(service.name)], {
    env: { ...env, PORT: String(service.port) },
    out,
  });
  children.set(service.name, child);
  child.on('exit', (code, signal) => {
    children.delete(service.name);
    if (stopping) return;
    process.stderr.write(
      `[epass] ${service.name} exited (${code ?? signal}); see .local/logs/${service.name}.log\n`,
    );
    void shutdown(1);
  });
}

function printWelcome(env) {
  log('the platform is up:');
  for (const s of SERVICES) {
    log(
      `  ${s.name.padEnd(18)} http://127.0.0.1:${s.port}/  (${s.page}; API docs /docs, health /health)`,
    );
  }
  log(
    `  admin login: ${env.ADMIN_USERNAME} / ${env.ADMIN_PASSWORD}  (kept in .local/secrets.json)`,
  );
  log(
    `  logs: .local/logs/*.log · Kafka ${env.KAFKA_BROKERS} · Postgres ${env.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')}`,
  );
  log('Ctrl-C stops everything.');
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  if (kafka && kafkaStartedHere) kafka.stop();
  await database?.stop();
  log('stopped.');
  process.exit(code);
}
