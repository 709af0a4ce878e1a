import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Topic } from '@app/contracts';
import { EpassApi } from '../shared/epass-api';
import { createActors } from './actors';
import { measureBareConsume, measureCryptoAndQr, measureDurableInsert } from './raw-limits';
import {
  benchIssuance,
  benchQr,
  benchReporting,
  benchRevocation,
  benchVerification,
} from './scenarios';

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
}

const SIZES: Record<'quick' | 'full', BenchSize> = {
  quick: {
    warmup: 200,
    passes: 600,
    qr: 100,
    verifications: 1000,
    revocations: 10,
    reportingEvents: 5000,
  },
  full: {
    warmup: 1000,
    passes: 5000,
    qr: 500,
    verifications: 20000,
    revocations: 50,
    reportingEvents: 60000,
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
  const api = new EpassApi({
    pass: env('BENCH_PASS_URL'),
    verify: env('BENCH_VERIFY_URL'),
    reporting: env('BENCH_REPORTING_URL'),
  });
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
  say(`issuance (${size.passes} passes, 64 in flight)…`);
  const issuance = await benchIssuance(api, actors, size.passes, plateOffset);
  say(`QR (${size.qr} cold, then cached)…`);
  const qr = await benchQr(api, issuance.passes.slice(0, size.qr));
  say(`revocation propagation (${size.revocations})…`);
  const revoked = issuance.passes.slice(0, size.revocations);
  const revocation = await benchRevocation(api, actors, revoked);
  say(`verification (${size.verifications}, 64 in flight; 5% revoked, 5% forged)…`);
  const verification = await benchVerification(
    api,
    actors,
    issuance.passes.slice(size.revocations),
    size.verifications,
    revoked,
  );
  say(`reporting (${size.reportingEvents} events in 20 waves)…`);
  const reporting = await benchReporting(api, actors, brokers, size.reportingEvents, 20);
  const bareConsume = await measureBareConsume(brokers, Topic.Pass);
  api.close();

  const pids = JSON.parse(process.env.BENCH_PIDS ?? '{}') as Record<string, string>;
  const rss = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, peakRssMb(pid)]));

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
    ['token length (chars)', String(crypto.tokenLength), '', 'target < 400, max 600', ''],
    ...Object.entries(rss).map(([name, mb]): [string, string, string, string, string] => [
      `peak RSS ${name} (MB)`,
      mb === null ? 'n/a' : fmt(mb),
      '',
      'target < 256',
      '',
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  say('');
  for (const r of rows) say(r.map((cell, c) => cell.padEnd(widths[c])).join('  '));

  const result = {
    at: new Date().toISOString(),
    size,
    raw: { ...crypto, durableInsertPerSecond: durableInsert, bareConsume },
    issuance: issuance.run,
    qr,
    verification,
    revocation,
    reporting,
    peakRssMb: rss,
  };
  const out = path.resolve(process.env.BENCH_OUT ?? 'artifacts/bench/latest.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  say(`\nresults: ${path.relative(process.cwd(), out)}`);
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
}

function ratio(value: number, limit: number | undefined): string {
  return limit ? `${((value / limit) * 100).toFixed(0)}%` : '';
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
