import { randomBytes } from 'node:crypto';
import { EpassApi } from '../shared/epass-api';
import { seededRandom } from '../shared/fixtures';
import { HttpClient } from '../shared/http-client';
import { createActors } from './actors';
import { attackRoutes } from './attack-routes';
import { loadHostileConfig, parseArgs } from './config';
import { InnocentTraffic } from './innocent';
import { loadOperations, SERVICES, type Operation, type ServiceName } from './openapi';
import { checkStoredRows } from './stored-rules';
import { Tally } from './tally';
import { runTokenAttacks } from './token-attacks';

/**
 * `npm run hostile` runs this against the stack scripts/hostile.mjs found or started. It reads
 * each service's OpenAPI description and attacks every operation with mutated requests while
 * innocent users keep working, tries the token attacks, checks the stored rows, prints the
 * counts and exits non-zero on any failure.
 */
async function main(): Promise<number> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const config = loadHostileConfig();
  const { size, seed } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const runStart = new Date(started);
  const runId = randomBytes(3).toString('hex');
  const runNumber = Number.parseInt(runId, 16);
  const rng = seededRandom(seed);
  const tally = new Tally();

  // The attacker sends from its own loopback addresses, so that the services' per-address login
  // limits it trips do not lock out the innocent users (and the person at the browser) on 127.0.0.1.
  const attacker = await usableAddress(`127.0.0.${64 + (runNumber % 96)}`, config.urls.pass);
  const racerAddress = await usableAddress(`127.0.0.${160 + (runNumber % 90)}`, config.urls.pass);
  const innocentApi = new EpassApi(config.urls, 32);
  const hostileApi = new EpassApi(config.urls, 64, 0, attacker);
  const racer = new HttpClient(config.urls.pass, 64, 0, racerAddress);
  const clients: Record<ServiceName, HttpClient> = {
    'pass-service': hostileApi.pass,
    'verify-service': hostileApi.verify,
    'reporting-service': hostileApi.reporting,
  };

  say(
    `hostile run ${runId}: seed ${seed}, ${size.casesPerOperation} cases per operation, ` +
      `${size.concurrency} in flight, from ${attacker ?? 'the default address'}`,
  );
  say(`targets: ${config.urls.pass} ${config.urls.verify} ${config.urls.reporting}`);
  const operations: Operation[] = [];
  for (const service of SERVICES)
    operations.push(...(await loadOperations(service, clients[service])));
  say(
    `OpenAPI: ${operations.length} operations (${SERVICES.map(
      (s) => `${s} ${operations.filter((o) => o.service === s).length}`,
    ).join(', ')}), ${operations.filter((o) => o.bodySchema).length} with a request schema`,
  );

  say('fixtures: enterprises, an official, officers at three checkpoints, passes…');
  const actors = await createActors(innocentApi, config.admin, runId, {
    plates: (runNumber % 4000) * 10_000,
    creditCodes: (runNumber % 9000) * 1000,
  });
  const tokens = {
    metrics: config.metricsToken,
    admin: actors.adminToken,
    enterprise: actors.hostile.enterpriseToken,
    official: actors.hostile.officialToken,
    officer: actors.hostile.officer.token,
  };
  const jwks = await innocentApi.pass.request('GET', '/.well-known/access-token-jwks.json');
  const accessJwksText = jwks.status === 200 ? jwks.raw.toString('utf8') : '{}';

  const innocent = new InnocentTraffic(innocentApi, actors, tally);
  innocent.start();
  say('attacking every operation, innocent users working beside…');
  const serviceUrls: Record<ServiceName, string> = {
    'pass-service': config.urls.pass,
    'verify-service': config.urls.verify,
    'reporting-service': config.urls.reporting,
  };
  const complete = await attackRoutes(operations, {
    clients,
    freshClient: (service) => new HttpClient(serviceUrls[service], 1, 0, attacker),
    actors,
    tokens,
    accessJwksText,
    tally,
    rng,
    casesPerOperation: size.casesPerOperation,
    concurrency: size.concurrency,
    deadline: started + size.deadlineSeconds * 1000,
  });
  if (!complete) {
    tally.fail(
      'unfinished',
      'pass-service',
      'the run',
      `not every case was sent within ${size.deadlineSeconds} s`,
    );
  }
  say('token attacks…');
  await runTokenAttacks({
    actors,
    hostile: hostileApi,
    racer,
    innocent,
    tally,
    loginFailuresPerUser: config.limits.loginFailuresPerUser,
  });
  await innocent.stop();
  for (const op of operations) if (!tally.hasFailed(op.service, op.key)) tally.pass();
  for (const service of SERVICES) {
    if (tally.counts[service].innocentFailed === 0 && tally.counts[service].innocentOk > 0)
      tally.pass();
  }

  say('checking the stored rows against the domain rules…');
  const rules = await checkStoredRows(config, runStart);
  for (const service of SERVICES) {
    const violating = rules.violations.filter((v) => v.service === service);
    tally.rows(
      service,
      rules.checked[service],
      new Set(violating.map((v) => `${v.table} ${v.id}`)).size,
    );
    if (violating.length === 0) tally.pass();
    for (const v of violating) {
      const group = `${service} ${v.table} ${v.rule.replace(/\S*\d\S*/g, '#')}`;
      tally.fail('rule violated', service, v.table, `${v.rule} (row ${v.id})`, group);
    }
  }

  innocentApi.close();
  hostileApi.close();
  racer.close();
  tally.print(say, (Date.now() - started) / 1000);
  return tally.failures.length === 0 ? 0 : 1;
}

/** The address if this machine can send from it (any 127.x on Linux), else the default one. */
async function usableAddress(address: string, url: string): Promise<string | undefined> {
  const client = new HttpClient(url, 1, 0, address);
  try {
    await client.request('GET', '/health');
    return address;
  } catch {
    return undefined;
  } finally {
    client.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `hostile: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
