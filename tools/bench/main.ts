import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Topic } from '@app/contracts';
import { EpassApi } from '../shared/epass-api';
import { availableParallelism } from 'node:os';
import { createActors } from './actors';
import { CpuMeter, type CpuShare } from './cpu-meter';
import {
  measureBareConsume,
  measureCryptoAndQr,
  measureDurableInsert,
  qrVersionOf,
} from './raw-limits';
import {
  benchIssuance,
  benchQr,
  benchReporting,
  benchRevocation,
  benchVerification,
  type Runner,
} from './scenarios';
import { runAtRate } from './paced';
import type { RunFigures } from '../shared/stats';
import { benchBatch } from './batch';
import { benchRelay } from './relay';
import { measureServerLatency, type ServerLatency } from './server-latency';

/**
 * `npm run bench` runs this against the stack that scripts/bench.mjs started (or any running one:
 * set the BENCH_* variables). Each figure is printed beside the raw limit measured in this run.
 */
interface BenchSize {
  warmup: number;
  passes: number;
  qr: number;
  verifications: number;
  revocations: number;
  reportingEvents: number;
  relayEvents: number;
  /** Rows of the spreadsheet batch, and as many single applications one after another. */
  batchRows: number;
  /** Length of each paced run (latency at a steady load). */
  pacedSeconds: number;
}

const SIZES: Record<'quick' | 'full', BenchSize> = {
  quick: {
    warmup: 200,
    passes: 600,
    qr: 100,
    verifications: 1000,
    revocations: 10,
    reportingEvents: 5000,
    relayEvents: 5000,
    batchRows: 100,
    pacedSeconds: 2,
  },
  full: {
    warmup: 1000,
    passes: 5000,
    qr: 500,
    verifications: 20000,
    revocations: 50,
    reportingEvents: 60000,
    relayEvents: 50000,
    batchRows: 500,
    pacedSeconds: 5,
  },
};

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (scripts/bench.mjs sets it)`);
  return value;
}

function peakRssMb(pid: string): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const size = SIZES[process.argv.includes('--quick') ? 'quick' : 'full'];
  const runId = randomBytes(3).toString('hex');
  const api = new EpassApi(
    {
      pass: env('BENCH_PASS_URL'),
      verify: env('BENCH_VERIFY_URL'),
      reporting: env('BENCH_REPORTING_URL'),
    },
    SOCKETS_PER_SERVICE,
  );
  const brokers = env('KAFKA_BROKERS').split(',');
  const say = (line: string) => process.stdout.write(`${line}\n`);

  say('raw limits (this machine, now)…');
  const crypto = measureCryptoAndQr();
  const durableInsert = await measureDurableInsert(env('DATABASE_URL'), 20_000);

  say('actors…');
  const actors = await createActors(
    api,
    { username: env('ADMIN_USERNAME'), password: env('ADMIN_PASSWORD') },
    runId,
    Number.parseInt(runId, 16) % 9_000_000,
  );
  const plateOffset = Number.parseInt(runId, 16) * 1000;
  // Warm-up (JIT, connection pools, key caches), not measured.
  const warm = await benchIssuance(api, actors, size.warmup, plateOffset + size.passes);
  await benchVerification(api, actors, warm.passes, size.warmup);
  const pids = JSON.parse(process.env.BENCH_PIDS ?? '{}') as Record<string, string>;
  const meter = new CpuMeter(
    pids,
    availableParallelism(),
    process.env.BENCH_KAFKA_STATE_DIR,
    new URL(env('DATABASE_URL')).pathname.slice(1),
  );
  say(`issuance (${size.passes} passes, 64 in flight)…`);
  const { result: issuance, cpu: issuanceCpu } = await meter.measure(
    (r) => r.run.count,
    () => benchIssuance(api, actors, size.passes, plateOffset),
  );
  // Latency at the target rate, or at 80% of what the stack carried if that is less: a
  // saturated run's latency is mostly queueing behind the 64 requests in flight.
  const issuanceRate = pacedRate(ISSUANCE_TARGET_PER_SECOND, issuance.run.perSecond);
  say(`issuance paced at ${issuanceRate}/s for ${size.pacedSeconds} s…`);
  const { result: issuancePaced, server: issuanceServer } = await measureServerLatency(
    { url: env('BENCH_PASS_URL'), token: env('METRICS_TOKEN') },
    'POST',
    '/v1/passes',
    () =>
      benchIssuance(
        api,
        actors,
        issuanceRate * size.pacedSeconds,
        plateOffset + size.passes + size.warmup,
        paced(issuanceRate),
      ),
  );
  say(`QR (${size.qr} cold, then cached)…`);
  const qr = await benchQr(api, issuance.passes.slice(0, size.qr));
  say(`revocation propagation (${size.revocations})…`);
  const revoked = issuance.passes.slice(0, size.revocations);
  const revocation = await benchRevocation(api, actors, revoked);
  say(`verification (${size.verifications}, 64 in flight; 5% revoked, 5% forged)…`);
  const { result: verification, cpu: verificationCpu } = await meter.measure(
    (r) => r.count,
    () =>
      benchVerification(
        api,
        actors,
        issuance.passes.slice(size.revocations),
        size.verifications,
        revoked,
      ),
  );
  const verificationRate = pacedRate(VERIFICATION_TARGET_PER_SECOND, verification.perSecond);
  say(`verification paced at ${verificationRate}/s for ${size.pacedSeconds} s…`);
  const { result: verificationPaced, server: verificationServer } = await measureServerLatency(
    { url: env('BENCH_VERIFY_URL'), token: env('METRICS_TOKEN') },
    'POST',
    '/v1/verifications',
    () =>
      benchVerification(
        api,
        actors,
        issuance.passes.slice(size.revocations),
        verificationRate * size.pacedSeconds,
        revoked,
        paced(verificationRate),
      ),
  );
  say(`reporting (${size.reportingEvents} events in 20 waves)…`);
  const reporting = await benchReporting(api, actors, brokers, size.reportingEvents, 20);
  say(`outbox relay (${size.relayEvents} events committed at once)…`);
  const relay = await benchRelay(
    env('DATABASE_URL'),
    brokers,
    actors.enterprises[0].id,
    size.relayEvents,
  );
  const bareConsume = await measureBareConsume(brokers, Topic.Pass);
  say(`batch of ${size.batchRows} rows, and as many single applications one after another…`);
  const batch = await benchBatch(
    api,
    env('BENCH_PASS_URL'),
    actors.enterprises[1],
    size.batchRows,
    plateOffset + 2_000_000,
  );
  api.close();

  const rss = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, peakRssMb(pid)]));
  // The QR text pass-service really issued: its length decides the QR version a checkpoint scans.
  const issuedQr = issuance.passes[0].qr;
  const token = { length: issuedQr.length, qrVersion: qrVersionOf(issuedQr) };

  const rows: [string, string, string, string, string][] = [
    ['figure', 'value', 'p50 / p99 ms', 'raw limit (same run)', 'ratio'],
    row(
      'issuance, durable passes/s',
      issuance.run.perSecond,
      issuance.run,
      'durable INSERT/s, pool 8',
      durableInsert,
    ),
    row(
      `  paced at ${fmt(issuancePaced.run.perSecond)}/s`,
      issuancePaced.run.perSecond,
      issuancePaced.run,
      `target ${ISSUANCE_TARGET_PER_SECOND}/s, p99 < 100`,
      undefined,
    ),
    serverRow(issuanceServer),
    generatorRow(issuancePaced.run),
    row(
      '  vs jwt.sign/s',
      issuance.run.perSecond,
      undefined,
      'jwt.sign ES256/s',
      crypto.jwtSignPerSecond,
    ),
    row(
      'QR svg cold, renders/s (8 in flight)',
      qr.cold.perSecond,
      qr.cold,
      'qrcode svg/s in-process',
      crypto.qrSvgPerSecond,
    ),
    row(
      'QR svg cached, responses/s',
      qr.cached.perSecond,
      qr.cached,
      'cold renders/s',
      qr.cold.perSecond,
    ),
    row(
      'verification, durable/s',
      verification.perSecond,
      verification,
      'jwt.verify ES256/s',
      crypto.jwtVerifyPerSecond,
    ),
    row(
      `  paced at ${fmt(verificationPaced.perSecond)}/s`,
      verificationPaced.perSecond,
      verificationPaced,
      `target ${VERIFICATION_TARGET_PER_SECOND}/s, p99 < 25`,
      undefined,
    ),
    serverRow(verificationServer),
    generatorRow(verificationPaced),
    row(
      '  vs bare ES256 verify',
      verification.perSecond,
      undefined,
      'crypto.verify/s',
      crypto.bareEs256VerifyPerSecond,
    ),
    row('revocation propagation', revocation.count, revocation, '—', undefined),
    [
      'reporting, events/s applied',
      fmt(reporting.perSecond),
      `lag ${fmt(reporting.lagP50Ms)} / ${fmt(reporting.lagP99Ms)}`,
      `bare consume/s ${fmt(bareConsume.perSecond)}`,
      ratio(reporting.perSecond, bareConsume.perSecond),
    ],
    [
      'outbox relay, events/s published',
      fmt(relay.perSecond),
      '',
      `${fmt(relay.events)} events in ${relay.seconds.toFixed(1)} s`,
      '',
    ],
    [
      `batch of ${batch.rows} rows, upload to every row answered, s`,
      batch.batchSeconds.toFixed(2),
      '',
      `${batch.rows} single applications one after another, s ${batch.singlesSeconds.toFixed(2)}`,
      ratio(batch.batchSeconds, batch.singlesSeconds),
    ],
    ['token length (chars), an issued pass', String(token.length), '', 'target < 400', ''],
    [
      'QR version (level M), an issued pass',
      String(token.qrVersion),
      '',
      `in-process sample: ${crypto.tokenLength} chars, version ${crypto.qrVersion}`,
      '',
    ],
    ...Object.entries(rss).map(([name, mb]): [string, string, string, string, string] => [
      `peak RSS ${name} (MB)`,
      mb === null ? 'n/a' : fmt(mb),
      '',
      'target < 256',
      '',
    ]),
  ];
  say('');
  printTable(say, rows);
  say(
    '\nCPU ms per operation, by process (the whole machine carries at most cores × 1000 / total):',
  );
  printTable(
    say,
    cpuRows({ 'issuance, per pass': issuanceCpu, 'verification, per scan': verificationCpu }),
  );

  const result = {
    at: new Date().toISOString(),
    size,
    raw: { ...crypto, durableInsertPerSecond: durableInsert, bareConsume },
    issuance: issuance.run,
    issuancePaced: issuancePaced.run,
    issuancePacedServerSide: issuanceServer,
    qr,
    verification,
    verificationPaced,
    verificationPacedServerSide: verificationServer,
    revocation,
    reporting,
    relay,
    batch,
    peakRssMb: rss,
    token,
    cpuPerOperationMs: { issuance: issuanceCpu, verification: verificationCpu },
  };
  const out = path.resolve(process.env.BENCH_OUT ?? 'artifacts/bench/latest.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  say(`\nresults: ${path.relative(process.cwd(), out)}`);
}

/**
 * The paced runs are open loops (operations start on schedule, answered or not), so the socket
 * pool must not be what holds them back: with 128, a stall of a fifth of a second at 1,000/s
 * queued requests inside the load generator.
 */
const SOCKETS_PER_SERVICE = 512;

/** DESIGN.md's targets; the paced runs measure latency at these rates. */
const ISSUANCE_TARGET_PER_SECOND = 800;
const VERIFICATION_TARGET_PER_SECOND = 2000;

function pacedRate(target: number, saturated: number): number {
  return Math.max(1, Math.min(target, Math.round(saturated * 0.8)));
}

function paced(perSecond: number): Runner {
  return (total, operation) => runAtRate(total, perSecond, operation);
}

function printTable(say: (line: string) => void, rows: string[][]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) say(r.map((cell, c) => cell.padEnd(widths[c])).join('  '));
}

function cpuRows(phases: Record<string, CpuShare>): string[][] {
  const groups = Object.keys(Object.values(phases)[0].perOperationMs);
  return [
    ['phase', ...groups, 'total', 'machine ceiling/s'],
    ...Object.entries(phases).map(([phase, cpu]) => [
      phase,
      ...groups.map((g) => cpu.perOperationMs[g].toFixed(2)),
      cpu.totalPerOperationMs.toFixed(2),
      fmt(cpu.machineCeilingPerSecond),
    ]),
  ];
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
}

function ratio(value: number, limit: number | undefined): string {
  return limit ? `${((value / limit) * 100).toFixed(0)}%` : '';
}

/** The paced run's latency as the service measured it: without the client and its queueing. */
function serverRow(server: ServerLatency): [string, string, string, string, string] {
  return [
    '    in the service (/metrics)',
    '',
    `≤${fmt(server.p50AtMostMs)} / ≤${fmt(server.p99AtMostMs)}`,
    `${fmt(server.count)} answers, histogram bounds`,
    '',
  ];
}

/** Whether the load generator kept its schedule: if not, its latency figures include itself. */
function generatorRow(run: RunFigures): [string, string, string, string, string] {
  const health = run.generator;
  return [
    '    load generator',
    '',
    health ? `start lag p99 ${fmt(health.startLagP99Ms)}` : '',
    health ? `${fmt(health.maxInFlight)} in flight at most, ${SOCKETS_PER_SERVICE} sockets` : '',
    '',
  ];
}

function row(
  label: string,
  value: number,
  run: { p50Ms: number; p99Ms: number } | undefined,
  limitLabel: string,
  limit: number | undefined,
): [string, string, string, string, string] {
  return [
    label,
    fmt(value),
    run ? `${fmt(run.p50Ms)} / ${fmt(run.p99Ms)}` : '',
    limit === undefined ? limitLabel : `${limitLabel} ${fmt(limit)}`,
    ratio(value, limit),
  ];
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
