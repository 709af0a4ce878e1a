// @ts-check
// `npm run bench [-- --quick]`: builds, starts a fresh stack of its own (Kafka on 19092, database
// epass_bench, services on 3101-3103, loopback only), runs tools/bench and prints the table with
// each figure beside its raw limit measured in the same run; JSON in artifacts/bench/latest.json.
import path from 'node:path';
import { installAndBuild } from './lib/install.mjs';
import { log, root, runAsync } from './lib/process.mjs';
import { startStack } from './lib/stack.mjs';

const args = process.argv.slice(2);
const KAFKA = { port: 19092, controllerPort: 19093, stateDir: '.local/kafka-bench' };
let stack;
let exitCode = 1;
try {
  installAndBuild();
  stack = await startStack({
    kafka: KAFKA,
    freshKafka: true,
    databaseName: 'epass_bench',
    freshDatabase: true,
    basePort: 3101,
    logDir: path.join(root, '.local', 'logs', 'bench'),
    extraEnv: { LOG_LEVEL: 'warn' },
  });
  stack.onUnexpectedExit((name, how) => {
    process.stderr.write(
      `[epass] ${name} exited (${how}) during the bench; see .local/logs/bench/\n`,
    );
  });
  const pids = Object.fromEntries(
    [...stack.children].map(([name, child]) => [name, String(child.pid)]),
  );
  log('stack up; running the benchmark…');
  exitCode = await runAsync(
    process.execPath,
    [path.join(root, 'dist', 'tools', 'bench', 'main.js'), ...args],
    {
      env: {
        ...stack.env,
        BENCH_PASS_URL: stack.urls['pass-service'],
        BENCH_VERIFY_URL: stack.urls['verify-service'],
        BENCH_REPORTING_URL: stack.urls['reporting-service'],
        BENCH_PIDS: JSON.stringify(pids),
        // The bench tells the broker's JVM from others by its state directory.
        BENCH_KAFKA_STATE_DIR: KAFKA.stateDir,
      },
    },
  );
} catch (error) {
  process.stderr.write(`[epass] ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await stack?.stop();
}
process.exit(exitCode);
