// @ts-check
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './process.mjs';

/**
 * The project's own broker, through scripts/kafka.sh; `instance` keeps test and dev brokers apart.
 * @param {{ port: number, controllerPort: number, stateDir: string }} options
 */
export function kafkaInstance({ port, controllerPort, stateDir }) {
  const env = {
    ...process.env,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_STATE_DIR: path.join(root, stateDir),
  };
  const run = (/** @type {string} */ command, quiet = false) =>
    spawnSync('bash', [path.join(root, 'scripts/kafka.sh'), command], {
      cwd: root,
      env,
      stdio: quiet ? 'pipe' : 'inherit',
      encoding: 'utf8',
    });
  return {
    brokers: `127.0.0.1:${port}`,
    env,
    isRunning: () => run('status', true).status === 0,
    start() {
      const result = run('start');
      if (result.status !== 0) throw new Error('Kafka did not start (see the message above)');
    },
    reset: () => run('reset'),
    stop: () => run('stop'),
  };
}
