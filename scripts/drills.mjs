// `npm run drills [-- name…]`: each drill starts a fresh stack, runs a small simulated month and
// injects one fault in the middle of it; the simulation then checks that every total is still
// exact (nothing lost, nothing counted twice). Drills: kafka-outage, reporting-crash,
// verify-restart-without-pass-service.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { installAndBuild } from './lib/install.mjs';
import { log, root, sleep } from './lib/process.mjs';
import { startStack } from './lib/stack.mjs';

const SIMULATION = ['--passes', '1500', '--tons', '39000', '--cross-province', '4', '--seed', '7'];

const DRILLS = {
  'kafka-outage': {
    what: 'Kafka stopped for 20 s while passes are issued and scanned, then restarted',
    trigger: 'applying for',
    async inject(stack) {
      await sleep(1000);
      log('drill: stopping Kafka for 20 s');
      stack.kafka.stop();
      await sleep(20000);
      log('drill: starting Kafka again');
      stack.kafka.start();
    },
  },
  'reporting-crash': {
    what: 'reporting-service killed with SIGKILL while it applies batches, then restarted',
    trigger: 'scanning',
    async inject(stack) {
      await sleep(1500);
      log('drill: SIGKILL reporting-service');
      await stack.stopService('reporting-service', 'SIGKILL');
      await sleep(2000);
      await stack.startService('reporting-service');
      log('drill: reporting-service is back');
    },
  },
  'verify-restart-without-pass-service': {
    what: 'pass-service stopped, then verify-service restarted: checkpoints keep verifying',
    trigger: 'scanning',
    // Fewer scans in flight, so that scanning outlasts the restart and goes on after it.
    simulation: ['--passes', '3000', '--tons', '78000', '--concurrency', '4'],
    async inject(stack) {
      await sleep(500);
      log('drill: stopping pass-service, restarting verify-service');
      await stack.stopService('pass-service');
      await stack.stopService('verify-service');
      await stack.startService('verify-service');
      log('drill: verify-service is back, pass-service stays down');
    },
  },
};

const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(DRILLS);
for (const name of chosen) {
  if (!DRILLS[name]) {
    process.stderr.write(`unknown drill ${name}; known: ${Object.keys(DRILLS).join(', ')}\n`);
    process.exit(2);
  }
}

installAndBuild();
const results = [];
for (const name of chosen) results.push({ name, ok: await runDrill(name, DRILLS[name]) });
log('drills:');
for (const r of results) log(`  ${r.ok ? 'passed' : 'FAILED'}  ${r.name}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);

async function runDrill(name, drill) {
  log(`drill ${name}: ${drill.what}`);
  let stack;
  try {
    stack = await startStack({
      kafka: { port: 19292, controllerPort: 19293, stateDir: '.local/kafka-drills' },
      freshKafka: true,
      databaseName: 'epass_drills',
      freshDatabase: true,
      basePort: 3301,
      logDir: path.join(root, '.local', 'logs', 'drills', name),
      extraEnv: { LOG_LEVEL: 'warn' },
    });
    stack.onUnexpectedExit((service, how) => log(`drill ${name}: ${service} exited (${how})`));
    const simulation = spawn(
      process.execPath,
      [
        path.join(root, 'dist', 'tools', 'simulate', 'main.js'),
        ...SIMULATION,
        ...(drill.simulation ?? []),
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: {
          ...stack.env,
          SIM_PASS_URL: stack.urls['pass-service'],
          SIM_VERIFY_URL: stack.urls['verify-service'],
          SIM_REPORTING_URL: stack.urls['reporting-service'],
        },
      },
    );
    let injected;
    let recovered = false;
    simulation.stdout.on('data', (chunk) => {
      const text = chunk.toString('utf8');
      process.stdout.write(text);
      if (!injected && text.includes(drill.trigger)) {
        injected = drill.inject(stack).then(() => {
          recovered = true;
        });
      }
    });
    const code = await new Promise((resolve) => simulation.on('exit', (c) => resolve(c ?? 1)));
    // A fault that ends after the simulation proved nothing about the traffic it should have hit.
    const hitTraffic = recovered;
    await injected;
    if (!injected) log(`drill ${name}: the fault was never injected`);
    else if (!hitTraffic) log(`drill ${name}: the simulation ended before the fault was over`);
    return code === 0 && hitTraffic;
  } catch (error) {
    process.stderr.write(
      `[epass] drill ${name}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return false;
  } finally {
    await stack?.stop();
  }
}
