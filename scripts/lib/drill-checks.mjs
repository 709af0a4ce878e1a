// @ts-check
// What the drills observe from outside the services: readiness, the Prometheus counters, the
// consumer group's assignment, a topic read from the start, and SQL against the drill database.
import { randomUUID } from 'node:crypto';
import { sleep } from './process.mjs';

/**
 * A service's /health as the drills read it: `checks` maps each dependency to its state.
 * @typedef {{ status: number, checks: Record<string, unknown>, error?: string }} Readiness
 */

/**
 * GET /health: { status, checks } (status 0 when nothing answers).
 * @param {string} url
 * @returns {Promise<Readiness>}
 */
export async function readiness(url) {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) });
    /** @type {unknown} */
    const body = await res.json().catch(() => ({}));
    const checks =
      typeof body === 'object' && body !== null && 'checks' in body ? body.checks : undefined;
    return {
      status: res.status,
      checks: typeof checks === 'object' && checks !== null ? { ...checks } : {},
    };
  } catch (error) {
    return { status: 0, checks: {}, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Polls /health until `want(result)` holds; resolves with the matching result and the seconds it
 * took, or with undefined at the timeout.
 * @param {string} url
 * @param {(result: Readiness) => boolean} want
 * @param {number} timeoutMs
 */
export async function waitForReadiness(url, want, timeoutMs) {
  const started = Date.now();
  for (;;) {
    const result = await readiness(url);
    if (want(result)) return { ...result, seconds: (Date.now() - started) / 1000 };
    if (Date.now() - started > timeoutMs) return undefined;
    await sleep(250);
  }
}

/**
 * The samples of one metric from /metrics, as [{ labels, value }]. `token`: the services'
 * METRICS_TOKEN (the stack's env has it).
 * @param {string} url
 * @param {string} name
 * @param {string} token
 * @returns {Promise<{ labels: Record<string, string>, value: number }[]>}
 */
export async function metricSamples(url, name, token) {
  const res = await fetch(`${url}/metrics`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`${url}/metrics answered ${res.status}`);
  const text = await res.text();
  const samples = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    samples.push({ labels, value: Number(match[3]) });
  }
  return samples;
}

/**
 * HTTP answers of a service by status code, readiness and metrics probes left out.
 * @param {string} url
 * @param {string} token
 */
export async function answersByStatus(url, token) {
  const samples = await metricSamples(url, 'epass_http_request_duration_seconds_count', token);
  /** @type {Record<string, number>} */
  const byStatus = {};
  for (const { labels, value } of samples) {
    if (labels.route === '/health' || labels.route === '/metrics') continue;
    byStatus[labels.status] = (byStatus[labels.status] ?? 0) + value;
  }
  return byStatus;
}

/**
 * Runs one query against the drill database and closes the connection.
 * @param {string} databaseUrl
 * @param {string} sql
 * @param {unknown[]} [params]
 * @returns {Promise<Record<string, unknown>[]>}
 */
export async function query(databaseUrl, sql, params = []) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    /** @type {unknown} */
    const rows = (await client.query(sql, params)).rows;
    return /** @type {Record<string, unknown>[]} */ (rows);
  } finally {
    await client.end();
  }
}

/** @param {string} brokers */
async function kafkaClient(brokers) {
  const { default: kafkajs } = await import('kafkajs');
  const kafka = new kafkajs.Kafka({
    clientId: 'epass-drills',
    brokers: [brokers],
    logLevel: kafkajs.logLevel.NOTHING,
  });
  return { kafka, kafkajs };
}

/**
 * The consumer group as Kafka sees it: { state, members: [{ memberId, partitions: { topic: [n] } }] }.
 * @param {string} brokers
 * @param {string} groupId
 */
export async function describeGroup(brokers, groupId) {
  const { kafka, kafkajs } = await kafkaClient(brokers);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    const group = groups[0];
    return {
      state: group.state,
      members: group.members.map((m) => {
        const decoded = kafkajs.AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
        /** @type {Record<string, number[]>} */
        const partitions = {};
        for (const [topic, list] of Object.entries(decoded?.assignment ?? {}))
          partitions[topic] = [...list].sort((a, b) => a - b);
        return { memberId: m.memberId, partitions };
      }),
    };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Polls describeGroup until `want(group)` holds; undefined at the timeout.
 * @param {string} brokers
 * @param {string} groupId
 * @param {(group: Awaited<ReturnType<typeof describeGroup>>) => boolean} want
 * @param {number} timeoutMs
 */
export async function waitForGroup(brokers, groupId, want, timeoutMs) {
  const started = Date.now();
  for (;;) {
    const group = await describeGroup(brokers, groupId).catch(() => undefined);
    if (group && want(group)) return { ...group, seconds: (Date.now() - started) / 1000 };
    if (Date.now() - started > timeoutMs) return undefined;
    await sleep(500);
  }
}

/** "epass.pass.v1 [0,1,2] epass.checkpoint.v1 [3,4,5]" @param {Record<string, number[]>} partitions */
export function formatPartitions(partitions) {
  return Object.entries(partitions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([topic, list]) => `${topic} [${list.join(',')}]`)
    .join(' ');
}

/**
 * Every message of a topic from the start up to its current end, in partition order:
 * [{ partition, offset, key, value }].
 * @param {string} brokers
 * @param {string} topic
 */
export async function readTopic(brokers, topic, timeoutMs = 60000) {
  const { kafka } = await kafkaClient(brokers);
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map(
    (await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]),
  );
  await admin.disconnect();
  /** @type {{ partition: number, offset: bigint, key: string, value: string }[]} */
  const messages = [];
  const remaining = new Set([...ends].filter(([, high]) => high > 0n).map(([p]) => p));
  if (remaining.size === 0) return messages;
  const consumer = kafka.consumer({ groupId: `epass-drills-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await /** @type {Promise<void>} */ (
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${topic} not read to its end within ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
        consumer
          .run({
            autoCommit: false,
            eachMessage: ({ partition, message }) => {
              const offset = BigInt(message.offset);
              if (offset < (ends.get(partition) ?? 0n)) {
                messages.push({
                  partition,
                  offset,
                  key: message.key?.toString('utf8') ?? '',
                  value: message.value?.toString('utf8') ?? '',
                });
                if (offset + 1n >= (ends.get(partition) ?? 0n)) remaining.delete(partition);
                if (remaining.size === 0) {
                  clearTimeout(timer);
                  resolve();
                }
              }
              // kafkajs waits for each handler's promise; collecting a message has nothing to wait for.
              return Promise.resolve();
            },
          })
          .catch(reject);
      })
    );
  } finally {
    await consumer.disconnect();
  }
  return messages.sort((a, b) => a.partition - b.partition || (a.offset < b.offset ? -1 : 1));
}
