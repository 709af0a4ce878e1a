import { randomBytes, randomUUID } from 'node:crypto';
import { formatKgAsTons } from '@app/domain';
import { expectStatus } from '../shared/http-client';
import { EpassApi, type PassView, type Summary } from '../shared/epass-api';
import { creditCodeFor, plateFor } from '../shared/fixtures';
import { runConcurrently } from '../shared/stats';
import { compare, Ledger, tonsToKg } from './ledger';
import {
  enterpriseCount,
  planMonth,
  REFERENCE_MONTH,
  type MonthOptions,
  type PlannedPass,
} from './month-plan';

/**
 * `npm run simulate`: replays a month through the public APIs of a running stack, then checks
 * every reported total against what it did. Exit code 1 on any difference.
 */
const DAY_MS = 86_400_000;
const say = (line: string) => process.stdout.write(`${line}\n`);

interface Issued {
  plan: PlannedPass;
  id: string;
  qr: string;
  plate: string;
  enterpriseToken: string;
}

interface Checkpoint {
  code: string;
  division: string;
  officerToken: string;
}

function parseOptions(argv: string[]): MonthOptions {
  const options = { ...REFERENCE_MONTH };
  const names: Record<string, keyof MonthOptions> = {
    '--passes': 'passes',
    '--tons': 'tons',
    '--cross-province': 'crossProvince',
    '--days': 'days',
    '--seed': 'seed',
    '--concurrency': 'concurrency',
  };
  for (let i = 0; i < argv.length; i++) {
    const key = names[argv[i]];
    if (!key)
      throw new Error(`unknown option ${argv[i]} (known: ${Object.keys(names).join(', ')})`);
    const value = Number(argv[++i]);
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`${argv[i - 1]} needs a whole number`);
    options[key] = value;
  }
  if (options.passes < 1 || options.concurrency < 1 || options.days < 1) {
    throw new Error('--passes, --days and --concurrency must be at least 1');
  }
  return options;
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (scripts/simulate.mjs sets it)`);
  return value;
}

/** A comma-separated list of service URLs (replicas of one service). */
function urlList(name: string): string[] {
  return env(name)
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url.length > 0);
}

function localDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const run = randomBytes(3).toString('hex');
  // SIM_PASS_URL may list several pass-service replicas (comma-separated): applications,
  // approvals and revocations are then spread over them in turn.
  const passUrls = urlList('SIM_PASS_URL');
  const verifyUrls = urlList('SIM_VERIFY_URL');
  const [api, ...otherPassApis] = passUrls.map(
    (pass) =>
      new EpassApi(
        { pass, verify: verifyUrls[0], reporting: env('SIM_REPORTING_URL') },
        options.concurrency * 2,
        // A service restarting under a drill answers 503 or refuses connections for a while.
        60_000,
      ),
  );
  const passApis = [api, ...otherPassApis];
  // SIM_VERIFY_URL may list several verify-service replicas: each checkpoint's scans go to one of
  // them, as a load balancer with checkpoint affinity would send them.
  const verifyApis = verifyUrls.map(
    (verify) =>
      new EpassApi(
        { pass: passUrls[0], verify, reporting: env('SIM_REPORTING_URL') },
        options.concurrency * 2,
        60_000,
      ),
  );
  const verifyApiByCheckpoint = new Map<string, EpassApi>();
  const verifyApiFor = (checkpointCode: string) => {
    let through = verifyApiByCheckpoint.get(checkpointCode);
    if (!through) {
      through = verifyApis[verifyApiByCheckpoint.size % verifyApis.length];
      verifyApiByCheckpoint.set(checkpointCode, through);
    }
    return through;
  };
  const passApiFor = (i: number) => passApis[i % passApis.length];
  const appliedThrough = passApis.map(() => 0);
  const ledger = new Ledger();
  const plan = planMonth(options);
  const started = performance.now();
  const phase = (name: string) =>
    say(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${name}`);
  say(
    `simulating ${options.passes} passes, ${options.tons} t, ${options.crossProvince} cross-province, seed ${options.seed}, ${options.concurrency} in flight`,
  );

  const adminToken = await api.login(env('ADMIN_USERNAME'), env('ADMIN_PASSWORD'));
  const password = `Sim-${run}-pass1`;
  await api.createUser(adminToken, { username: `sim-${run}-official`, password, role: 'official' });
  const officialToken = await api.login(`sim-${run}-official`, password);
  const checkpoints: Checkpoint[] = [];
  for (const [i, division] of ['410202', '410212', '410221', '410225', '440103'].entries()) {
    const code = `SIM-${run}-${i}`;
    await api.createCheckpoint(adminToken, {
      code,
      name: `模拟检查站 ${i}`,
      divisionCode: division,
    });
    await api.createUser(adminToken, {
      username: `sim-${run}-officer${i}`,
      password,
      role: 'officer',
      checkpointCode: code,
    });
    checkpoints.push({
      code,
      division,
      officerToken: await api.login(`sim-${run}-officer${i}`, password),
    });
  }
  const kaifengCheckpoints = checkpoints.slice(0, 4);
  const guangzhou = checkpoints[4];

  const from = localDate(new Date(Date.now() - DAY_MS));
  const to = localDate(new Date(Date.now() + DAY_MS));
  const before = await api.summary(adminToken, from, to);
  const cargoBefore = await cargoTotals(api, adminToken, from, to);

  phase(`registering ${enterpriseCount(options.passes)} enterprises…`);
  const enterpriseTokens: string[] = [];
  const codeOffset = Number.parseInt(run, 16) % 9_000_000;
  await runConcurrently(
    enterpriseCount(options.passes),
    Math.min(options.concurrency, 16),
    async (i) => {
      const username = `sim-${run}-e${i}`;
      const origin = plan.find((p) => p.enterprise === i)?.origin ?? '410202';
      // Approved by the admin: a pending enterprise's applications would all wait for review.
      await api.registerActiveEnterprise(adminToken, {
        name: `开封模拟物流${run}第${i}有限公司`,
        creditCode: creditCodeFor(codeOffset + i, `${origin.slice(0, 4)}00`),
        divisionCode: origin,
        username,
        password,
      });
      enterpriseTokens[i] = await api.login(username, password);
    },
  );

  phase(`applying for ${plan.length} passes…`);
  const issued: Issued[] = [];
  const waiting: { plan: PlannedPass; view: PassView; plate: string }[] = [];
  const plateOffset = Number.parseInt(run, 16) * 100;
  const now = Date.now();
  const apply = await runConcurrently(plan.length, options.concurrency, async (i) => {
    const p = plan[i];
    const plate = plateFor(plateOffset + i);
    const token = enterpriseTokens[p.enterprise];
    const through = passApiFor(i);
    const view = await through.applyForPass(
      token,
      {
        plate,
        driverName: '王师傅',
        driverPhone: `139${String(10_000_000 + i).slice(-8)}`,
        cargoCategory: p.cargo,
        tonnage: formatKgAsTons(p.tonnageKg),
        originDivision: p.origin,
        destinationDivision: p.destination,
        validFrom: new Date(now).toISOString(),
        validUntil: new Date(now + p.validityDays * DAY_MS).toISOString(),
      },
      `sim-${run}-${i}`,
    );
    appliedThrough[i % passApis.length]++;
    if (view.status === 'pending_review') waiting.push({ plan: p, view, plate });
    else if (view.status === 'issued')
      issued.push(await issuedPass(through, token, p, view, plate));
    else throw new Error(`pass ${i} came back ${view.status}`);
  });
  phase(
    `applied: ${apply.perSecond.toFixed(0)}/s, p99 ${apply.p99Ms.toFixed(0)} ms; ${waiting.length} wait for review`,
  );
  if (passApis.length > 1)
    phase(
      `applications per pass-service replica: ${passApis.map((a, i) => `${a.pass.baseUrl} ${appliedThrough[i]}`).join(', ')}`,
    );
  if (waiting.some((w) => !w.plan.crossProvince))
    throw new Error('an in-province pass waited for review');

  await runConcurrently(waiting.length, 8, async (i) => {
    const w = waiting[i];
    const through = passApiFor(i);
    const view = await through.approve(officialToken, w.view.id);
    issued.push(
      await issuedPass(through, enterpriseTokens[w.plan.enterprise], w.plan, view, w.plate),
    );
  });
  for (const pass of issued)
    ledger.issued(pass.plan.cargo, pass.plan.tonnageKg, pass.plan.crossProvince);

  const revokeCount = Math.max(1, Math.round(issued.length / 1000));
  const revoked = issued.slice(0, revokeCount);
  const scanned = issued.slice(revokeCount);
  phase(`revoking ${revoked.length} passes…`);
  for (const [i, pass] of revoked.entries()) {
    const token = i % 2 === 0 ? pass.enterpriseToken : officialToken;
    await passApiFor(i).revoke(token, pass.id, '车辆故障，行程取消 trip cancelled');
    ledger.passesRevoked++;
  }

  phase(
    `scanning ${scanned.length} passes at entry and exit, with wrong plates, foreign QRs and wrong routes…`,
  );
  const mismatches: string[] = [];
  const scan = async (
    checkpoint: Checkpoint,
    qr: string,
    direction: 'entry' | 'exit',
    expected: string | null,
    kg: number,
    observedPlate?: string,
  ) => {
    const result = await verifyApiFor(checkpoint.code).verifyPass(checkpoint.officerToken, {
      // A scan id of our own makes a scan safe to resend after a reset connection (a drill).
      clientScanId: randomUUID(),
      qr,
      checkpointCode: checkpoint.code,
      direction,
      ...(observedPlate ? { observedPlate } : {}),
    });
    ledger.scanned(
      result.verdict,
      result.reason,
      direction,
      result.verdict === 'accepted' ? kg : 0,
    );
    if ((result.reason ?? null) !== expected) {
      mismatches.push(
        `${checkpoint.code} ${direction}: expected ${expected ?? 'accepted'}, got ${result.reason ?? 'accepted'}`,
      );
    }
  };
  const scans = await runConcurrently(scanned.length, options.concurrency, async (i) => {
    const pass = scanned[i];
    const checkpoint = kaifengCheckpoints[i % kaifengCheckpoints.length];
    const kg = pass.plan.tonnageKg;
    if (i % 500 === 7)
      await scan(checkpoint, pass.qr, 'entry', 'PLATE_MISMATCH', kg, plateFor(i, '豫A'));
    if (i % 1000 === 13) await scan(guangzhou, pass.qr, 'entry', 'OUTSIDE_ROUTE', kg);
    if (i % 1000 === 17)
      await scan(checkpoint, `https://example.com/not-a-pass/${i}`, 'entry', 'NOT_A_PASS', 0);
    await scan(
      checkpoint,
      pass.qr,
      'entry',
      null,
      kg,
      i % 3 === 0 ? pass.plate.toLowerCase() : undefined,
    );
    await scan(checkpoint, pass.qr, 'exit', null, kg);
  });
  phase(
    `scanned: ${scans.perSecond.toFixed(0)} passes/s (2+ scans each), p99 ${scans.p99Ms.toFixed(0)} ms`,
  );
  // A revocation reaches checkpoints through Kafka; probe until it has (every probe is a scan
  // and is counted as such), so a drill that holds Kafka down still ends in REVOKED.
  for (const pass of revoked) {
    const until = Date.now() + 90_000;
    for (;;) {
      const result = await verifyApiFor(kaifengCheckpoints[0].code).verifyPass(
        kaifengCheckpoints[0].officerToken,
        {
          clientScanId: randomUUID(),
          qr: pass.qr,
          checkpointCode: kaifengCheckpoints[0].code,
          direction: 'entry',
        },
      );
      ledger.scanned(result.verdict, result.reason, 'entry', pass.plan.tonnageKg);
      if (result.reason === 'REVOKED') break;
      if (Date.now() > until) {
        mismatches.push(`${pass.id}: never REVOKED (last ${result.reason ?? 'accepted'})`);
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  phase('waiting for the reports to catch up…');
  const expectedIssued = before.passesIssued + ledger.passesIssued;
  const expectedScans =
    before.scansAccepted + before.scansRejected + ledger.scansAccepted + ledger.scansRejected;
  let after: Summary = before;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    after = await api.summary(adminToken, from, to);
    if (
      after.passesIssued >= expectedIssued &&
      after.scansAccepted + after.scansRejected >= expectedScans &&
      after.passesRevoked >= before.passesRevoked + ledger.passesRevoked
    ) {
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const cargoAfter = await cargoTotals(api, adminToken, from, to);
  const wall = (performance.now() - started) / 1000;
  for (const a of [...passApis, ...verifyApis]) a.close();

  const rows = compare(ledger, before, after, cargoBefore, cargoAfter);
  const width = Math.max(...rows.map((r) => r.metric.length));
  say('');
  say(`${'metric'.padEnd(width)}  ${'sent'.padStart(14)}  ${'reported'.padStart(14)}`);
  for (const r of rows)
    say(
      `${r.metric.padEnd(width)}  ${r.sent.padStart(14)}  ${r.reported.padStart(14)}  ${r.ok ? 'ok' : 'DIFFERENT'}`,
    );
  say('');
  say(
    `tonnage declared: ${formatKgAsTons(Number(ledger.tonnageDeclaredKg))} t; wall time ${wall.toFixed(1)} s`,
  );
  const failures = rows.filter((r) => !r.ok).length;
  if (mismatches.length > 0) {
    say(`${mismatches.length} verdicts differ from the plan, e.g.:`);
    for (const m of mismatches.slice(0, 5)) say(`  ${m}`);
  }
  if (failures > 0 || mismatches.length > 0) {
    say(`FAILED: ${failures} totals differ, ${mismatches.length} verdicts unexpected`);
    process.exit(1);
  }
  say('every total matches.');
}

async function issuedPass(
  api: EpassApi,
  token: string,
  plan: PlannedPass,
  view: PassView,
  plate: string,
): Promise<Issued> {
  const qr = view.token ?? (await api.getPass(token, view.id)).token;
  if (!qr) throw new Error(`issued pass ${view.id} has no token`);
  return { plan, id: view.id, qr, plate, enterpriseToken: token };
}

async function cargoTotals(api: EpassApi, token: string, from: string, to: string) {
  const res = await api.reporting.request<{
    rows: { group: string; passesIssued: number; tonnageDeclared: string }[];
  }>('GET', `/v1/reports/daily?from=${from}&to=${to}&by=cargo`, { token });
  const totals: Record<string, { passes: number; kg: bigint }> = {};
  for (const row of expectStatus(res, 200, 'daily by cargo').body.rows) {
    // Scans of QR codes that were not passes have no cargo: they are not pass totals.
    if (row.group === '') continue;
    const t = (totals[row.group] ??= { passes: 0, kg: 0n });
    t.passes += row.passesIssued;
    t.kg += tonsToKg(row.tonnageDeclared);
  }
  return totals;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `simulate failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
