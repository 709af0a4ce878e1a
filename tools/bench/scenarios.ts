import { randomUUID } from 'node:crypto';
import { createEvent, PassIssuedV1, Topic } from '@app/contracts';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { EpassApi, PassView } from '../shared/epass-api';
import { plateFor } from '../shared/fixtures';
import { figures, percentile, runConcurrently, type RunFigures } from '../shared/stats';
import type { Actors } from './actors';

export interface IssuedPass {
  id: string;
  qr: string;
  enterpriseToken: string;
}

const DAY_MS = 86_400_000;

/** How a scenario's operations are driven: many in flight (saturation) or at a paced rate. */
export type Runner = (
  total: number,
  operation: (index: number) => Promise<void>,
) => Promise<RunFigures>;

/** Saturation: 64 operations always in flight. */
export const saturate: Runner = (total, operation) => runConcurrently(total, 64, operation);

/** Durable issuance: each 201 means the pass, its number and its outbox event are committed. */
export async function benchIssuance(
  api: EpassApi,
  actors: Actors,
  total: number,
  plateOffset: number,
  runner: Runner = saturate,
): Promise<{ run: RunFigures; passes: IssuedPass[] }> {
  const passes: IssuedPass[] = [];
  const now = Date.now();
  const run = await runner(total, async (i) => {
    const enterprise = actors.enterprises[i % actors.enterprises.length];
    const view = await api.applyForPass(enterprise.token, {
      plate: plateFor(plateOffset + i),
      driverName: '李师傅',
      driverPhone: '13912345678',
      cargoCategory: 'daily_necessities',
      tonnage: `${10 + (i % 30)}.${String(i % 1000).padStart(3, '0')}`,
      originDivision: enterprise.division,
      destinationDivision: '410102',
      validFrom: new Date(now).toISOString(),
      validUntil: new Date(now + 3 * DAY_MS).toISOString(),
    });
    if (view.status !== 'issued') throw new Error(`expected an issued pass, got ${view.status}`);
    passes.push({
      id: view.id,
      qr: await qrOf(api, enterprise.token, view),
      enterpriseToken: enterprise.token,
    });
  });
  return { run, passes };
}

async function qrOf(api: EpassApi, token: string, view: PassView): Promise<string> {
  if (view.token) return view.token;
  const full = await api.getPass(token, view.id);
  if (!full.token) throw new Error(`pass ${view.id} has no token`);
  return full.token;
}

/** QR rendering over HTTP: the first request renders, the second is served from the cache. */
export async function benchQr(
  api: EpassApi,
  passes: IssuedPass[],
): Promise<{ cold: RunFigures; cached: RunFigures }> {
  const fetchSvg = async (i: number) => {
    const pass = passes[i];
    const res = await api.pass.request('GET', `/v1/passes/${pass.id}/qr.svg`, {
      token: pass.enterpriseToken,
    });
    if (res.status !== 200 || !res.raw.toString('utf8').includes('<svg')) {
      throw new Error(`qr.svg for ${pass.id}: HTTP ${res.status}`);
    }
  };
  const cold = await runConcurrently(passes.length, 8, fetchSvg);
  const cached = await runConcurrently(passes.length, 64, fetchSvg);
  return { cold, cached };
}

/**
 * Durable verification (each 200 means the scan and its outbox event are committed) with a
 * checkpoint's mix: mostly valid passes, one in 20 revoked, one in 20 forged (a changed claim).
 */
export async function benchVerification(
  api: EpassApi,
  actors: Actors,
  passes: IssuedPass[],
  total: number,
  revoked: IssuedPass[] = [],
  runner: Runner = saturate,
): Promise<RunFigures> {
  return runner(total, async (i) => {
    let qr = passes[i % passes.length].qr;
    let expected: string | null = null;
    if (i % 20 === 7 && revoked.length > 0) {
      qr = revoked[i % revoked.length].qr;
      expected = 'REVOKED';
    } else if (i % 20 === 13) {
      qr = forge(qr);
      expected = 'SIGNATURE_INVALID';
    }
    const result = await api.verifyPass(actors.officerToken, {
      qr,
      checkpointCode: actors.checkpointCode,
      direction: i % 2 === 0 ? 'entry' : 'exit',
    });
    if (result.reason !== expected) {
      throw new Error(`expected ${expected ?? 'accepted'}, got ${result.reason ?? 'accepted'}`);
    }
  });
}

/** The same token with one claim changed (tonnage raised): the signature no longer matches. */
function forge(qr: string): string {
  const [header, payload, signature] = qr.slice(4).split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { t: number };
  const raised = Buffer.from(JSON.stringify({ ...claims, t: claims.t + 1000 })).toString(
    'base64url',
  );
  return `${qr.slice(0, 4)}${header}.${raised}.${signature}`;
}

/** From the revoke call's start to the first checkpoint verdict REVOKED, one pass at a time. */
export async function benchRevocation(
  api: EpassApi,
  actors: Actors,
  passes: IssuedPass[],
): Promise<RunFigures> {
  const latencies: number[] = [];
  const started = Date.now();
  for (const pass of passes) {
    const t0 = performance.now();
    await api.revoke(pass.enterpriseToken, pass.id, '压测撤销 benchmark revocation');
    for (;;) {
      const result = await api.verifyPass(actors.officerToken, {
        qr: pass.qr,
        checkpointCode: actors.checkpointCode,
        direction: 'entry',
      });
      if (result.reason === 'REVOKED') break;
      if (performance.now() - t0 > 30_000) throw new Error(`pass ${pass.id} never became REVOKED`);
      await new Promise((r) => setTimeout(r, 10));
    }
    latencies.push(performance.now() - t0);
  }
  return figures(latencies, (Date.now() - started) / 1000);
}

/**
 * Events produced straight to the topic in waves, dated on a day no other run uses, and read
 * back through the summary API: applied events/s and each wave's produce-to-report lag.
 */
export async function benchReporting(
  api: EpassApi,
  actors: Actors,
  brokers: string[],
  total: number,
  waves: number,
): Promise<{ perSecond: number; lagP50Ms: number; lagP99Ms: number; events: number }> {
  const day = '2000-01-01';
  const occurredAt = new Date('2000-01-01T04:00:00.000Z');
  const before = (await api.summary(actors.adminToken, day, day)).passesIssued;
  const kafka = new Kafka({ clientId: 'bench-reporting', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const perWave = Math.ceil(total / waves);
  const sentAt: number[] = [];
  const lags: number[] = [];
  let target = before;
  const start = performance.now();
  let lastSeenAt = start;
  const poller = (async () => {
    let wave = 0;
    while (wave < waves) {
      const seen = (await api.summary(actors.adminToken, day, day)).passesIssued;
      const now = performance.now();
      while (wave < sentAt.length && seen >= before + perWave * (wave + 1)) {
        lags.push(now - sentAt[wave]);
        wave++;
        lastSeenAt = now;
      }
      await new Promise((r) => setTimeout(r, 20));
      if (now - start > 120_000) throw new Error(`reporting applied ${seen - before} of ${total}`);
    }
  })();
  for (let w = 0; w < waves; w++) {
    const events = Array.from({ length: perWave }, (_, i) => {
      return syntheticPassIssued(w * perWave + i, actors.enterprises[0].id, occurredAt);
    });
    target += perWave;
    sentAt.push(performance.now());
    for (let i = 0; i < events.length; i += 500) {
      await producer.send({
        topic: Topic.Pass,
        acks: -1,
        messages: events.slice(i, i + 500).map((e) => ({ key: e.key, value: JSON.stringify(e) })),
      });
    }
  }
  await producer.disconnect();
  await poller;
  const events = target - before;
  const sorted = [...lags].sort((a, b) => a - b);
  return {
    perSecond: events / ((lastSeenAt - start) / 1000),
    lagP50Ms: percentile(sorted, 50),
    lagP99Ms: percentile(sorted, 99),
    events,
  };
}

/**
 * A pass.issued event that no application made, dated `occurredAt` (a day of the year 2000, so
 * that it counts apart from the runs' real passes).
 */
export function syntheticPassIssued(
  serial: number,
  enterpriseId: string,
  occurredAt: Date,
): PassIssuedV1 {
  const passId = randomUUID();
  return createEvent(
    PassIssuedV1,
    {
      passId,
      passNumber: `410202${String(serial % 1_000_000).padStart(6, '0')}`,
      plate: '豫B12345',
      enterpriseId,
      enterpriseCreditCode: '91410200MA0000001X',
      enterpriseName: '开封压测物流有限公司',
      cargoCategory: 'daily_necessities',
      tonnageKg: 12_345,
      originDivision: '410202',
      destinationDivision: '410102',
      crossProvince: false,
      validFrom: occurredAt.toISOString(),
      validUntil: new Date(occurredAt.getTime() + DAY_MS).toISOString(),
      kid: 'bench',
    },
    { producer: 'bench', key: passId, occurredAt },
  );
}
