import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';

/** Where the integration suites find the real PostgreSQL and Kafka that `npm test` started. */
export const testEnv = {
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/epass_test',
  kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
};

/** Partitions per topic in every suite's services (a small number keeps rebalances quick). */
export const TEST_PARTITIONS = 3;

export const repoRoot = path.resolve(__dirname, '..', '..');

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  what: string,
  timeoutMs = 30000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last instanceof Error ? last.message : JSON.stringify(last)}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export async function withPg<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testEnv.databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await withPg((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

/** Stops or starts the test broker through the project's own script (same env as `npm test`). */
export function kafkaBroker(command: 'start' | 'stop'): void {
  const result = spawnSync('bash', [path.join(repoRoot, 'scripts/kafka.sh'), command], {
    env: process.env,
    encoding: 'utf8',
    timeout: 120000,
  });
  if (result.status !== 0)
    throw new Error(`kafka.sh ${command} failed: ${result.stdout}${result.stderr}`);
}
