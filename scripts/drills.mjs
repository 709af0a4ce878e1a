// @ts-check
// `npm run drills [-- name…]`: each drill starts a fresh stack, runs a small simulated month and
// injects one fault in the middle of it; the simulation then checks that every total is still
// exact (nothing lost, nothing counted twice), and some drills check more from outside (readiness,
// the consumer group, the topic, the pass-service schema). About 7–8 minutes for all six.
//
//   kafka-outage                          broker stopped 20 s while issuing, restarted
//   reporting-crash                       reporting-service SIGKILLed while applying, restarted
//   verify-restart-without-pass-service   pass-service down, verify-service restarted, scans go on
//   postgres-restart                      the drills' own PostgreSQL (embedded, port 5434) stopped
//                                         5 s while issuing and 5 s while scanning; /health red
//                                         then green by itself, 503s (never 500s), totals exact
//   reporting-replica-killed              two reporting-service replicas in one group, one
//                                         SIGKILLed for good; the survivor takes its partitions
//                                         (printed per member) and the totals stay exact
//   pass-service-replicas                 two pass-service replicas share the issuing; one relay
//                                         active at a time, per-pass order on the topic, pass
//                                         numbers unique and gap-free per county, relay failover
//
// Ports: Kafka 19292/19293, services 3301-3303, extra replicas 3304 (pass) and 3305 (reporting),
// embedded PostgreSQL 5434 (data in .local/drills-postgres); the other drills use the local
// server's database epass_drills.
import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  answersByStatus,
  describeGroup,
  formatPartitions,
  metricSamples,
  query,
  readiness,
  readTopic,
  waitForGroup,
  waitForReadiness,
} from './lib/drill-checks.mjs';
import { installAndBuild } from './lib/install.mjs';
import { embeddedPostgres } from './lib/postgres.mjs';
import { log, root, sleep } from './lib/process.mjs';
import { SERVICE_NAMES, startStack } from './lib/stack.mjs';

// The drills' fault windows are timed for 48 requests in flight (a drill's own options override).
const SIMULATION = [
  ...['--passes', '1500', '--tons', '39000', '--cross-province', '4', '--seed', '7'],
  ...['--concurrency', '48'],
];

/** @typedef {import('./lib/stack.mjs').Stack} Stack */
/** @typedef {Awaited<ReturnType<typeof describeGroup>>} Group */
/** @typedef {{ port: number, url: string, pid: number | undefined }} Replica */
/**
 * What a drill keeps between its steps; `fail` records a check that did not hold, `reached`
 * waits until the simulation has printed a phase's text. The rest is set by the drills that
 * need it.
 * @typedef {{
 *   failures: string[],
 *   fail: (message: string) => void,
 *   reached: (text: string) => Promise<void>,
 *   simulationEnv?: Record<string, string>,
 *   postgres?: ReturnType<typeof embeddedPostgres>,
 *   before?: Group,
 *   replicas?: Replica[],
 *   relaySamples?: boolean[][],
 *   sampler?: { stop: () => Promise<void> },
 * }} DrillContext
 */
/**
 * One fault: `inject` runs once the simulation prints `trigger`; `prepare` runs before the stack
 * starts (and may give it options), `setUp` after, `verify` once the simulation has passed.
 * @typedef {{
 *   what: string,
 *   trigger: string,
 *   simulation?: string[],
 *   prepare?: (ctx: DrillContext) => Promise<{ databaseUrl?: string }>,
 *   setUp?: (stack: Stack, ctx: DrillContext) => Promise<void>,
 *   inject: (stack: Stack, ctx: DrillContext) => Promise<void>,
 *   verify?: (stack: Stack, ctx: DrillContext) => Promise<void>,
 *   cleanup?: (ctx: DrillContext) => Promise<void>,
 * }} Drill
 */

/**
 * What an earlier step of the drill set up; a step that runs out of order fails loudly.
 * @template T
 * @param {T | undefined} value
 * @param {string} what
 * @returns {T}
 */
function prepared(value, what) {
  if (value === undefined) throw new Error(`the drill has no ${what} yet`);
  return value;
}

/** @type {Record<string, Drill>} */
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
  'postgres-restart': {
    what: "PostgreSQL (the drills' own, embedded on port 5434) stopped for 5 s while issuing and again while scanning",
    trigger: 'applying for',
    simulation: ['--passes', '1000', '--tons', '26000'],
    async prepare(ctx) {
      ctx.postgres = embeddedPostgres({
        port: EMBEDDED_PG_PORT,
        dataDir: '.local/drills-postgres',
        stopLeftover: true,
      });
      log(`drill: starting the drills' own PostgreSQL on port ${EMBEDDED_PG_PORT}…`);
      await ctx.postgres.start();
      return { databaseUrl: ctx.postgres.urlOf('epass_drills') };
    },
    async inject(stack, ctx) {
      await sleep(1500);
      await postgresOutage(stack, ctx, 'while issuing');
      await ctx.reached('scanning');
      await sleep(1500);
      await postgresOutage(stack, ctx, 'while scanning');
    },
    async verify(stack, ctx) {
      for (const name of SERVICE_NAMES) {
        const byStatus = await answersByStatus(stack.urls[name], stack.env.METRICS_TOKEN);
        const listed = Object.entries(byStatus)
          .map(([status, count]) => `${status} ×${count}`)
          .join(', ');
        log(`drill: ${name} answered ${listed} (503s were retried by the simulation)`);
        const errors = Object.entries(byStatus).filter(([s]) => Number(s) >= 500 && s !== '503');
        if (errors.length > 0) ctx.fail(`${name} answered ${errors.map((e) => e[0]).join(', ')}`);
      }
      for (const name of ['pass-service', 'verify-service']) {
        const [active] = await metricSamples(
          stack.urls[name],
          'epass_outbox_relay_active',
          stack.env.METRICS_TOKEN,
        );
        log(`drill: ${name} outbox relay active after the restart: ${active?.value === 1}`);
        if (active?.value !== 1) ctx.fail(`${name}'s outbox relay did not resume`);
      }
    },
    async cleanup(ctx) {
      await ctx.postgres?.stop();
    },
  },
  'reporting-replica-killed': {
    what: 'two reporting-service replicas in one consumer group; one SIGKILLed mid-run and not restarted',
    trigger: 'applying for',
    // Fewer requests in flight and more passes, so that the run outlasts the hand-over (the dead
    // member's 10 s session, then a rebalance: 11–13 s) by a wide margin and traffic flows after
    // it. Sized by time: 2,000 passes took 28 s, then 13 s once issuing got faster, and failed.
    simulation: ['--passes', '6000', '--tons', '156000', '--concurrency', '8'],
    async setUp(stack, ctx) {
      const replica = await stack.startReplica('reporting-service', REPORTING_REPLICA_PORT);
      const group = await waitForGroup(
        stack.env.KAFKA_BROKERS,
        'reporting-service',
        (g) =>
          g.state === 'Stable' &&
          g.members.length === 2 &&
          // Both replicas apply events: each holds partitions of the two event topics (the
          // user topic, epass.user.v1, only feeds the disabled-user list).
          g.members.every((m) =>
            ['epass.pass.v1', 'epass.checkpoint.v1'].every((t) => m.partitions[t]?.length > 0),
          ),
        90000,
      );
      if (!group) throw new Error('the two reporting-service replicas never shared the partitions');
      ctx.before = group;
      for (const m of group.members)
        log(`drill: group member ${m.memberId}: ${formatPartitions(m.partitions)}`);
      // The replica that survives answers the simulation's report queries.
      ctx.simulationEnv = { SIM_REPORTING_URL: replica.url };
    },
    async inject(stack, ctx) {
      await sleep(1500);
      const killedPort = stack.ports['reporting-service'];
      log(`drill: SIGKILL the reporting-service replica on ${killedPort}, not restarted`);
      await stack.stopService('reporting-service', 'SIGKILL');
      const before = prepared(ctx.before, 'group of two replicas');
      const total = (/** @type {Group} */ g) =>
        g.members.reduce((n, m) => n + Object.values(m.partitions).flat().length, 0);
      const wanted = total(before);
      // The dead member leaves the group only when its session (10 s) times out.
      const after = await waitForGroup(
        stack.env.KAFKA_BROKERS,
        'reporting-service',
        (g) => g.state === 'Stable' && g.members.length === 1 && total(g) === wanted,
        120000,
      );
      if (!after) return ctx.fail('the surviving replica never took over every partition');
      const survivor = after.members[0];
      const was = before.members.find((m) => m.memberId === survivor.memberId);
      const killed = before.members.find((m) => m.memberId !== survivor.memberId);
      if (was && killed) {
        log(`drill: killed replica (${killedPort}) had ${formatPartitions(killed.partitions)}`);
        log(
          `drill: surviving replica (${REPORTING_REPLICA_PORT}) had ${formatPartitions(was.partitions)}`,
        );
      }
      log(
        `drill: ${after.seconds.toFixed(1)} s after the kill the survivor (${REPORTING_REPLICA_PORT}) has ${formatPartitions(survivor.partitions)}`,
      );
    },
    async verify(stack, ctx) {
      const group = await describeGroup(stack.env.KAFKA_BROKERS, 'reporting-service');
      log(`drill: group reporting-service ${group.state}, ${group.members.length} member(s)`);
      if (stack.children.has(`reporting-service@${REPORTING_REPLICA_PORT}`) === false)
        ctx.fail('the surviving replica is gone');
    },
  },
  'pass-service-replicas': {
    what: 'two pass-service replicas share the issuing: one outbox relay, per-pass order, gap-free numbers',
    trigger: 'applying for',
    simulation: ['--passes', '1000', '--tons', '26000'],
    async setUp(stack, ctx) {
      const replica = await stack.startReplica('pass-service', PASS_REPLICA_PORT);
      ctx.replicas = [
        {
          port: stack.ports['pass-service'],
          url: stack.urls['pass-service'],
          pid: stack.children.get('pass-service')?.pid,
        },
        { port: PASS_REPLICA_PORT, url: replica.url, pid: replica.pid },
      ];
      ctx.simulationEnv = { SIM_PASS_URL: ctx.replicas.map((r) => r.url).join(',') };
      ctx.relaySamples = [];
      ctx.sampler = sampleRelays(stack, ctx.replicas, ctx.relaySamples);
    },
    async inject(stack, ctx) {
      await sleep(1500);
      const replicas = prepared(ctx.replicas, 'replicas');
      const holders = await relayLockHolders(stack.env.DATABASE_URL, replicas);
      for (const h of holders)
        log(
          `drill: relay connection of pass-service ${h.port ?? `pid ${h.pid}`}: ${h.holds ? 'holds the relay lock' : 'waits for the lock'}`,
        );
      if (holders.filter((h) => h.holds).length !== 1)
        ctx.fail(`${holders.filter((h) => h.holds).length} relays hold the lock (want 1)`);
      if (holders.length !== 2) ctx.fail(`${holders.length} relay connections (want 2)`);
    },
    async verify(stack, ctx) {
      await ctx.sampler?.stop();
      const replicas = prepared(ctx.replicas, 'replicas');
      const relaySamples = prepared(ctx.relaySamples, 'relay samples');
      /** @type {Record<string, number>} */
      const counts = { both: 0, none: 0 };
      for (const r of replicas) counts[r.port] = 0;
      for (const sample of relaySamples) {
        const active = replicas.filter((_, i) => sample[i]);
        if (active.length === 2) counts.both++;
        else if (active.length === 0) counts.none++;
        else counts[active[0].port]++;
      }
      log(
        `drill: relay-active samples (${relaySamples.length}, every ${RELAY_SAMPLE_MS} ms): ${Object.entries(
          counts,
        )
          .map(([k, v]) => `${k} ×${v}`)
          .join(', ')}`,
      );
      if (counts.both > 0) ctx.fail('both relays were active at the same time');
      if (relaySamples.length - counts.both - counts.none === 0)
        ctx.fail('no relay was ever seen active');
      await checkPassTopicOrder(stack, ctx);
      await checkPassNumbers(stack, ctx);
      await checkRelayFailover(stack, ctx, replicas);
    },
    async cleanup(ctx) {
      await ctx.sampler?.stop();
    },
  },
};

const EMBEDDED_PG_PORT = 5434;
const PG_OUTAGE_MS = 5000;
const PASS_REPLICA_PORT = 3304;
const REPORTING_REPLICA_PORT = 3305;
const RELAY_SAMPLE_MS = 250;

/**
 * Stops PostgreSQL for PG_OUTAGE_MS; readiness must go red while it is down and green after.
 * @param {Stack} stack
 * @param {DrillContext} ctx
 * @param {string} when
 */
async function postgresOutage(stack, ctx, when) {
  const postgres = prepared(ctx.postgres, "drills' own PostgreSQL");
  for (const name of SERVICE_NAMES) {
    const before = await readiness(stack.urls[name]);
    if (before.status !== 200) ctx.fail(`${name} was not ready before the outage ${when}`);
  }
  log(
    `drill: stopping PostgreSQL for ${PG_OUTAGE_MS / 1000} s ${when} (/health was 200 on all three)`,
  );
  const stoppedAt = Date.now();
  await postgres.stop();
  const red = await Promise.all(
    SERVICE_NAMES.map((name) =>
      waitForReadiness(
        stack.urls[name],
        (r) => r.status === 503 && checkOf(r, 'postgres').status === 'down',
        PG_OUTAGE_MS,
      ),
    ),
  );
  SERVICE_NAMES.forEach((name, i) => {
    const found = red[i];
    if (!found) return ctx.fail(`${name} /health never went red while PostgreSQL was down`);
    log(
      `drill: ${name} /health 503 after ${found.seconds.toFixed(1)} s (postgres: ${String(checkOf(found, 'postgres').error)}; kafka: ${String(checkOf(found, 'kafka').status)})`,
    );
  });
  await sleep(Math.max(0, stoppedAt + PG_OUTAGE_MS - Date.now()));
  log('drill: starting PostgreSQL again');
  await postgres.start();
  const green = await Promise.all(
    SERVICE_NAMES.map((name) => waitForReadiness(stack.urls[name], (r) => r.status === 200, 60000)),
  );
  SERVICE_NAMES.forEach((name, i) => {
    const found = green[i];
    if (!found) return ctx.fail(`${name} /health did not turn green within 60 s`);
    log(`drill: ${name} /health 200 again ${found.seconds.toFixed(1)} s after PostgreSQL was back`);
  });
}

/**
 * One dependency's entry in a /health answer: `{ status, error? }`, empty when it is missing.
 * @param {import('./lib/drill-checks.mjs').Readiness} readiness
 * @param {string} name
 * @returns {{ status?: unknown, error?: unknown }}
 */
function checkOf(readiness, name) {
  const check = readiness.checks[name];
  return typeof check === 'object' && check !== null ? check : {};
}

/**
 * Reads epass_outbox_relay_active from every pass-service replica until stopped, one sample (a
 * flag per replica) appended to `samples` every RELAY_SAMPLE_MS.
 * @param {Stack} stack
 * @param {Replica[]} replicas
 * @param {boolean[][]} samples
 */
function sampleRelays(stack, replicas, samples) {
  let running = true;
  const loop = (async () => {
    while (running) {
      const sample = await Promise.all(
        replicas.map((r) =>
          metricSamples(r.url, 'epass_outbox_relay_active', stack.env.METRICS_TOKEN)
            .then(([m]) => m?.value === 1)
            .catch(() => false),
        ),
      );
      samples.push(sample);
      await sleep(RELAY_SAMPLE_MS);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}

/**
 * The relay connections in pg_stat_activity (their name carries the process id) and who holds a lock.
 * @param {string} databaseUrl
 * @param {Replica[]} replicas
 */
async function relayLockHolders(databaseUrl, replicas) {
  const rows = await query(
    databaseUrl,
    `SELECT a.application_name AS name,
            EXISTS (SELECT 1 FROM pg_locks l
                     WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted) AS holds
       FROM pg_stat_activity a
      WHERE a.datname = current_database()
        AND a.application_name LIKE 'pass-service-outbox-relay-%'`,
  );
  return rows.map((row) => {
    const pid = Number(String(row.name).split('-').pop());
    return { pid, port: replicas.find((r) => r.pid === pid)?.port, holds: row.holds === true };
  });
}

/**
 * Stops the replica whose relay is active; the other one's relay must take the lock over.
 * @param {Stack} stack
 * @param {DrillContext} ctx
 * @param {Replica[]} replicas
 */
async function checkRelayFailover(stack, ctx, replicas) {
  const holders = await relayLockHolders(stack.env.DATABASE_URL, replicas);
  const holder = replicas.find((r) => holders.some((h) => h.holds && h.pid === r.pid));
  const other = replicas.find((r) => r !== holder);
  if (!holder || !other) return ctx.fail('no replica holds the relay lock at the end');
  const key = holder.port === PASS_REPLICA_PORT ? `pass-service@${holder.port}` : 'pass-service';
  const stoppedAt = Date.now();
  await stack.stopService(key);
  for (;;) {
    const [active] = await metricSamples(
      other.url,
      'epass_outbox_relay_active',
      stack.env.METRICS_TOKEN,
    ).catch(() => []);
    if (active?.value === 1) break;
    if (Date.now() - stoppedAt > 30000)
      return ctx.fail(`the relay on ${other.port} did not take over within 30 s`);
    await sleep(100);
  }
  log(
    `drill: failover: pass-service ${holder.port} stopped (SIGTERM); the relay on ${other.port} took the lock ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s later`,
  );
}

/**
 * Every pass's events on one partition, and pass.issued before pass.revoked there.
 * @param {Stack} stack
 * @param {DrillContext} ctx
 */
async function checkPassTopicOrder(stack, ctx) {
  const messages = await readTopic(stack.env.KAFKA_BROKERS, 'epass.pass.v1');
  /** @type {Map<string, { partitions: Set<number>, issuedAt: bigint | null, revokedAt: bigint | null }>} */
  const passes = new Map();
  /** @type {Record<string, number>} */
  const types = {};
  for (const m of messages) {
    // The envelope's two fields this check reads (libs/contracts defines the rest).
    /** @type {unknown} */
    const parsed = JSON.parse(m.value);
    const event = /** @type {{ type: string, key: string }} */ (parsed);
    types[event.type] = (types[event.type] ?? 0) + 1;
    if (event.type !== 'pass.issued' && event.type !== 'pass.revoked') continue;
    const pass = passes.get(event.key) ?? {
      partitions: new Set(),
      issuedAt: null,
      revokedAt: null,
    };
    pass.partitions.add(m.partition);
    if (event.type === 'pass.issued' && pass.issuedAt === null) pass.issuedAt = m.offset;
    if (event.type === 'pass.revoked' && pass.revokedAt === null) pass.revokedAt = m.offset;
    passes.set(event.key, pass);
  }
  const split = [...passes.values()].filter((p) => p.partitions.size > 1).length;
  const revoked = [...passes.values()].filter((p) => p.revokedAt !== null);
  const outOfOrder = revoked.filter(
    (p) => p.issuedAt === null || (p.revokedAt !== null && p.issuedAt > p.revokedAt),
  ).length;
  log(
    `drill: epass.pass.v1 holds ${messages.length} messages (${Object.entries(types)
      .map(([t, n]) => `${t} ×${n}`)
      .join(
        ', ',
      )}) for ${passes.size} passes; ${split} passes on more than one partition; ${revoked.length} revoked, ${outOfOrder} of them before their pass.issued`,
  );
  if (split > 0) ctx.fail(`${split} passes have events on more than one partition`);
  if (outOfOrder > 0) ctx.fail(`${outOfOrder} pass.revoked events precede their pass.issued`);
  if (revoked.length === 0) ctx.fail('no pass.revoked on the topic to check the order of');
}

/**
 * Pass numbers are unique, and each county's serials run 1..N with N its counter.
 * @param {Stack} stack
 * @param {DrillContext} ctx
 */
async function checkPassNumbers(stack, ctx) {
  const url = stack.env.DATABASE_URL;
  const [totals] = /** @type {{ numbered: number, distinct_numbers: number }[]} */ (
    await query(
      url,
      `SELECT count(*)::int AS numbered, count(DISTINCT pass_number)::int AS distinct_numbers
       FROM pass.passes WHERE pass_number IS NOT NULL`,
    )
  );
  const counties =
    /** @type {{ county: string, passes: number, first: number, last: number, counter: number }[]} */ (
      await query(
        url,
        `SELECT left(p.pass_number, 6) AS county, count(*)::int AS passes,
            min(right(p.pass_number, 6)::int) AS first, max(right(p.pass_number, 6)::int) AS last,
            max(c.last) AS counter
       FROM pass.passes p JOIN pass.county_serials c ON c.county = left(p.pass_number, 6)
      WHERE p.pass_number IS NOT NULL
      GROUP BY 1 ORDER BY 1`,
      )
    );
  const gapFree = counties.filter(
    (c) => c.first === 1 && c.last === c.passes && c.counter === c.last,
  );
  log(
    `drill: ${totals.numbered} numbered passes, ${totals.distinct_numbers} distinct numbers; per county ${counties
      .map((c) => `${c.county} ${c.first}..${c.last} (${c.passes})`)
      .join(', ')}`,
  );
  if (totals.numbered !== totals.distinct_numbers) ctx.fail('pass numbers are not unique');
  if (gapFree.length !== counties.length)
    ctx.fail(`${counties.length - gapFree.length} counties have gaps or a counter ahead of them`);
  if (totals.numbered === 0) ctx.fail('no numbered passes');
}

const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(DRILLS);
for (const name of chosen) {
  if (!DRILLS[name]) {
    process.stderr.write(`unknown drill ${name}; known: ${Object.keys(DRILLS).join(', ')}\n`);
    process.exit(2);
  }
}

installAndBuild();
/** @type {{ name: string, ok: boolean }[]} */
const results = [];
for (const name of chosen) results.push({ name, ok: await runDrill(name, DRILLS[name]) });
log('drills:');
for (const r of results) log(`  ${r.ok ? 'passed' : 'FAILED'}  ${r.name}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);

/**
 * @param {string} name
 * @param {Drill} drill
 * @returns {Promise<boolean>} whether the drill passed
 */
async function runDrill(name, drill) {
  log(`drill ${name}: ${drill.what}`);
  const started = Date.now();
  /** @type {Stack | undefined} */
  let stack;
  // The simulation's output so far, and who waits for a text to appear in it.
  let output = '';
  /** @type {{ text: string, r: () => void }[]} */
  const waiting = [];
  /** @type {DrillContext} */
  const ctx = {
    failures: [],
    fail(message) {
      ctx.failures.push(message);
      log(`drill ${name}: CHECK FAILED: ${message}`);
    },
    // Lets a drill inject a second fault at a later phase of the same simulation.
    reached: (text) =>
      output.includes(text) ? Promise.resolve() : new Promise((r) => waiting.push({ text, r })),
  };
  try {
    const stackOptions = (await drill.prepare?.(ctx)) ?? {};
    stack = await startStack({
      kafka: { port: 19292, controllerPort: 19293, stateDir: '.local/kafka-drills' },
      freshKafka: true,
      databaseName: 'epass_drills',
      freshDatabase: true,
      basePort: 3301,
      logDir: path.join(root, '.local', 'logs', 'drills', name),
      extraEnv: { LOG_LEVEL: 'warn' },
      ...stackOptions,
    });
    stack.onUnexpectedExit((service, how) => {
      ctx.fail(`${service} exited (${how}); see .local/logs/drills/${name}/`);
    });
    await drill.setUp?.(stack, ctx);
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
          ...ctx.simulationEnv,
        },
      },
    );
    /** @type {Promise<void> | undefined} */
    let injected;
    let recovered = false;
    simulation.stdout.on('data', (/** @type {Buffer} */ chunk) => {
      const text = chunk.toString('utf8');
      process.stdout.write(text);
      output += text;
      for (const w of waiting.splice(0)) {
        if (output.includes(w.text)) w.r();
        else waiting.push(w);
      }
      if (!injected && stack && text.includes(drill.trigger)) {
        injected = drill.inject(stack, ctx).then(
          () => {
            recovered = true;
          },
          (error) => ctx.fail(`the fault was not injected as planned: ${describe(error)}`),
        );
      }
    });
    /** @type {number} */
    const code = await new Promise((resolve) => simulation.on('exit', (c) => resolve(c ?? 1)));
    // A fault that ends after the simulation proved nothing about the traffic it should have hit.
    const hitTraffic = recovered;
    await injected;
    if (!injected) log(`drill ${name}: the fault was never injected`);
    else if (!hitTraffic) log(`drill ${name}: the simulation ended before the fault was over`);
    if (code === 0 && hitTraffic) await drill.verify?.(stack, ctx);
    return code === 0 && hitTraffic && ctx.failures.length === 0;
  } catch (error) {
    process.stderr.write(`[epass] drill ${name}: ${describe(error)}\n`);
    return false;
  } finally {
    await stack?.stop();
    await drill.cleanup?.(ctx);
    log(`drill ${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

/** @param {unknown} error */
function describe(error) {
  return error instanceof Error ? error.message : String(error);
}
