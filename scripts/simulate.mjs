// @ts-check
// `npm run simulate [-- --passes N --tons T --cross-province C --days D --seed S --concurrency K]`
// replays a month (by default the reference one: 65,718 passes, 1.72 million t, 180 cross-province)
// through the public APIs and checks every reported total against what it did.
// By default it starts a fresh stack of its own (Kafka 19192, database epass_simulate, services on
// 3201-3203, and `--verify-replicas N` verify-services in all, default 2, the others on 3204…);
// `--running` uses the stack `npm start` runs instead (3001-3003).
import path from 'node:path';
import { installAndBuild } from './lib/install.mjs';
import { log, root, runAsync } from './lib/process.mjs';
import { localSecrets } from './lib/secrets.mjs';
import { startStack } from './lib/stack.mjs';

const args = process.argv.slice(2);
const useRunning = args.includes('--running');
// One Node process verifies on one core; on the 2-core machine a second replica lets scanning use
// what the other processes leave (docs/operations.md).
const replicasAt = args.indexOf('--verify-replicas');
const verifyReplicas = replicasAt >= 0 ? Number(args[replicasAt + 1]) : 2;
if (!Number.isInteger(verifyReplicas) || verifyReplicas < 1) {
  process.stderr.write('[epass] --verify-replicas takes a whole number, at least 1\n');
  process.exit(2);
}
const toolArgs = args.filter(
  (a, i) => a !== '--running' && i !== replicasAt && (replicasAt < 0 || i !== replicasAt + 1),
);
let stack;
let exitCode = 1;
try {
  installAndBuild();
  let env;
  if (useRunning) {
    env = {
      ...process.env,
      ...localSecrets(),
      SIM_PASS_URL: 'http://127.0.0.1:3001',
      SIM_VERIFY_URL: 'http://127.0.0.1:3002',
      SIM_REPORTING_URL: 'http://127.0.0.1:3003',
    };
  } else {
    stack = await startStack({
      kafka: { port: 19192, controllerPort: 19193, stateDir: '.local/kafka-simulate' },
      freshKafka: true,
      databaseName: 'epass_simulate',
      freshDatabase: true,
      basePort: 3201,
      logDir: path.join(root, '.local', 'logs', 'simulate'),
      extraEnv: { LOG_LEVEL: 'warn' },
    });
    stack.onUnexpectedExit((name, how) => {
      process.stderr.write(`[epass] ${name} exited (${how}); see .local/logs/simulate/\n`);
    });
    const verifyUrls = [stack.urls['verify-service']];
    for (let i = 1; i < verifyReplicas; i++) {
      const replica = await stack.startReplica('verify-service', 3203 + i);
      verifyUrls.push(replica.url);
    }
    log(`verify-service replicas: ${verifyUrls.join(', ')}`);
    env = {
      ...stack.env,
      SIM_PASS_URL: stack.urls['pass-service'],
      SIM_VERIFY_URL: verifyUrls.join(','),
      SIM_REPORTING_URL: stack.urls['reporting-service'],
    };
  }
  log('running the simulation…');
  exitCode = await runAsync(
    process.execPath,
    [path.join(root, 'dist', 'tools', 'simulate', 'main.js'), ...toolArgs],
    { env },
  );
} catch (error) {
  process.stderr.write(`[epass] ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await stack?.stop();
}
process.exit(exitCode);
