import { randomUUID } from 'node:crypto';
import type { EpassApi, VerificationResult } from '../shared/epass-api';
import type { HttpClient, HttpResponse } from '../shared/http-client';
import type { Actors, Officer } from './actors';
import type { InnocentTraffic } from './innocent';
import type { Tally } from './tally';

/** The order of the P-256 group (FIPS 186-4, D.1.2.3), for the twin signature (r, n − s). */
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const PREFIX = 'EP1:';

export interface TokenAttackContext {
  actors: Actors;
  /** The attacker's clients (its own loopback address). */
  hostile: EpassApi;
  /** A client on yet another address, for the login race (its own per-address budget). */
  racer: HttpClient;
  innocent: InnocentTraffic;
  tally: Tally;
  loginFailuresPerUser: number;
}

/**
 * The attacks on tokens and identities that the issue names: a tampered pass is
 * SIGNATURE_INVALID (never NOT_A_PASS, never accepted), the ECDSA twin is refused, a reused
 * clientScanId for a different scan is 409 SCAN_ID_CONFLICT, the login limiter cannot be raced,
 * and extreme instants are 400 without failing the innocent requests beside them.
 */
export async function runTokenAttacks(ctx: TokenAttackContext): Promise<void> {
  await tamperedPasses(ctx);
  await twinSignature(ctx);
  await reusedScanIds(ctx);
  await extremeScanInstants(ctx);
  await extremeValidity(ctx);
  await loginRace(ctx);
}

interface Jws {
  header: string;
  payload: string;
  signature: string;
}

function split(qr: string): Jws {
  const [header, payload, signature] = qr.slice(PREFIX.length).split('.');
  return { header, payload, signature };
}

const join = (jws: Jws) => `${PREFIX}${jws.header}.${jws.payload}.${jws.signature}`;
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decode(segment: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The same bytes spelt with another last character (its unused low bits set), if there is one. */
function respelt(segment: string): string | undefined {
  const bytes = Buffer.from(segment, 'base64url');
  const head = segment.slice(0, -1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (const c of alphabet) {
    if (c !== segment.at(-1) && Buffer.from(head + c, 'base64url').equals(bytes)) return head + c;
  }
  return undefined;
}

function flipLastBits(signature: string): string {
  const bytes = Buffer.from(signature, 'base64url');
  bytes[10] ^= 0x01;
  return bytes.toString('base64url');
}

/** Counts an attack's request like any other: any 5xx fails the run. */
function counted<T>(
  ctx: TokenAttackContext,
  service: 'pass-service' | 'verify-service',
  what: string,
  res: HttpResponse<T>,
): HttpResponse<T> {
  ctx.tally.answered(service, 'token attacks', res.status);
  if (res.status >= 500) {
    ctx.tally.fail(
      '5xx',
      service,
      what,
      `HTTP ${res.status} ${res.raw.toString('utf8').slice(0, 120)}`,
    );
  }
  return res;
}

async function scan(
  ctx: TokenAttackContext,
  officer: Officer,
  qr: string,
  extra: Record<string, unknown> = {},
): Promise<HttpResponse<VerificationResult & { code?: string }>> {
  const res = await ctx.hostile.verify.request<VerificationResult & { code?: string }>(
    'POST',
    '/v1/verifications',
    {
      body: {
        qr,
        checkpointCode: officer.checkpointCode,
        direction: 'entry',
        clientScanId: randomUUID(),
        ...extra,
      },
      token: officer.token,
    },
  );
  return counted(ctx, 'verify-service', 'POST /v1/verifications (token attack)', res);
}

const describe = (
  res: HttpResponse<{ verdict?: string; reason?: string | null; code?: string }>,
) =>
  res.status === 200
    ? `HTTP 200 ${res.body?.verdict ?? '?'} ${res.body?.reason ?? ''}`.trim()
    : `HTTP ${res.status} ${res.body?.code ?? res.raw.toString('utf8').slice(0, 80)}`;

async function tamperedPasses(ctx: TokenAttackContext): Promise<void> {
  const [first, second] = ctx.actors.hostile.passes;
  const genuine = split(first.qr);
  const other = split(second.qr);
  const claims = decode(genuine.payload);
  const header = decode(genuine.header);
  const tonnage = typeof claims.t === 'number' ? claims.t : 0;
  const variants: [string, Jws | undefined][] = [
    [
      'tonnage raised in the payload',
      { ...genuine, payload: encode({ ...claims, t: tonnage + 1_000_000 }) },
    ],
    ['a claim added to the payload', { ...genuine, payload: encode({ ...claims, x: 1 }) }],
    [
      'exp pushed out in the payload',
      { ...genuine, payload: encode({ ...claims, exp: 4_102_444_800 }) },
    ],
    [
      'payload bytes that are not JSON',
      { ...genuine, payload: Buffer.from('{"pn":').toString('base64url') },
    ],
    ['payload not an object', { ...genuine, payload: encode([1, 2, 3]) }],
    [
      'payload respelt (last character)',
      mapDefined(respelt(genuine.payload), (payload) => ({ ...genuine, payload })),
    ],
    ['another pass\u2019s payload under this signature', { ...genuine, payload: other.payload }],
    ['another pass\u2019s signature', { ...genuine, signature: other.signature }],
    ['a field added to the header', { ...genuine, header: encode({ ...header, typ: 'JWT' }) }],
    [
      'header keys reordered',
      { ...genuine, header: encode(Object.fromEntries(Object.entries(header).reverse())) },
    ],
    ['header alg none', { ...genuine, header: encode({ ...header, alg: 'none' }) }],
    ['header alg HS256', { ...genuine, header: encode({ ...header, alg: 'HS256' }) }],
    ['header alg ES512', { ...genuine, header: encode({ ...header, alg: 'ES512' }) }],
    [
      'header respelt (last character)',
      mapDefined(respelt(genuine.header), (h) => ({ ...genuine, header: h })),
    ],
    ['one signature bit flipped', { ...genuine, signature: flipLastBits(genuine.signature) }],
    ['signature truncated', { ...genuine, signature: genuine.signature.slice(0, -4) }],
    [
      'signature respelt (last character)',
      mapDefined(respelt(genuine.signature), (s) => ({ ...genuine, signature: s })),
    ],
  ];
  for (const [name, jws] of variants) {
    if (!jws) continue;
    const res = await scan(ctx, ctx.actors.hostile.officer, join(jws));
    const passed =
      res.status === 200 &&
      res.body.verdict === 'rejected' &&
      res.body.reason === 'SIGNATURE_INVALID';
    ctx.tally.attack(
      'verify-service',
      `tampered pass QR: ${name}`,
      passed,
      `${describe(res)} (want 200 rejected SIGNATURE_INVALID)`,
    );
  }
  // No longer shaped like a signed pass: any reason will do, as long as it is refused.
  const reshaped: [string, string][] = [
    ['signature removed', `${PREFIX}${genuine.header}.${genuine.payload}.`],
    ['no signature segment', `${PREFIX}${genuine.header}.${genuine.payload}`],
    ['scheme tag dropped', first.qr.slice(PREFIX.length)],
  ];
  for (const [name, qr] of reshaped) {
    const res = await scan(ctx, ctx.actors.hostile.officer, qr);
    ctx.tally.attack(
      'verify-service',
      `reshaped pass QR: ${name}`,
      res.status === 200 && res.body.verdict === 'rejected',
      `${describe(res)} (want 200 rejected)`,
    );
  }
}

function mapDefined<T, U>(value: T | undefined, f: (v: T) => U): U | undefined {
  return value === undefined ? undefined : f(value);
}

async function twinSignature(ctx: TokenAttackContext): Promise<void> {
  for (const pass of ctx.actors.hostile.passes.slice(0, 3)) {
    const jws = split(pass.qr);
    const signature = Buffer.from(jws.signature, 'base64url');
    const s = BigInt(`0x${signature.subarray(32).toString('hex')}`);
    const twin = Buffer.concat([
      signature.subarray(0, 32),
      Buffer.from((P256_N - s).toString(16).padStart(64, '0'), 'hex'),
    ]);
    const res = await scan(
      ctx,
      ctx.actors.hostile.officer,
      join({ ...jws, signature: twin.toString('base64url') }),
    );
    const passed = res.status === 200 && res.body.verdict === 'rejected';
    ctx.tally.attack(
      'verify-service',
      'ECDSA twin signature (r, n\u2212s) of a genuine pass',
      passed,
      `${describe(res)} (want 200 rejected)`,
    );
  }
}

async function reusedScanIds(ctx: TokenAttackContext): Promise<void> {
  const { hostile } = ctx.actors;
  const [first, second] = hostile.passes;
  const id = randomUUID();
  const original = await scan(ctx, hostile.officer, first.qr, { clientScanId: id });
  if (original.status !== 200) {
    ctx.tally.attack(
      'verify-service',
      'clientScanId reuse (first scan)',
      false,
      describe(original),
    );
    return;
  }
  const resend = await scan(ctx, hostile.officer, first.qr, { clientScanId: id });
  ctx.tally.attack(
    'verify-service',
    'clientScanId: the identical scan sent again is replayed',
    resend.status === 200 && resend.body.scanId === id,
    `${describe(resend)} (want 200, the first verdict)`,
  );
  const conflicts: [string, Officer, string][] = [
    ['a different QR', hostile.officer, second.qr],
    ['another checkpoint and officer', hostile.otherCheckpointOfficer, first.qr],
    ['another officer at the same checkpoint', hostile.sameCheckpointOfficer, first.qr],
  ];
  for (const [name, officer, qr] of conflicts) {
    const res = await scan(ctx, officer, qr, { clientScanId: id });
    ctx.tally.attack(
      'verify-service',
      `clientScanId reused with ${name}`,
      res.status === 409 && res.body.code === 'SCAN_ID_CONFLICT',
      `${describe(res)} (want 409 SCAN_ID_CONFLICT)`,
    );
  }
  // Two different scans racing for one new id: one is recorded, the other told so.
  const raced = randomUUID();
  const both = await Promise.all(
    [first.qr, second.qr].map((qr) => scan(ctx, hostile.officer, qr, { clientScanId: raced })),
  );
  const statuses = both.map((r) => r.status).sort();
  ctx.tally.attack(
    'verify-service',
    'clientScanId raced by two different scans',
    statuses[0] === 200 && statuses[1] === 409,
    `HTTP ${statuses.join(' and ')} (want one 200 and one 409)`,
  );
}

/** Extreme device times beside innocent scans in the same moment (the same write batch). */
async function extremeScanInstants(ctx: TokenAttackContext): Promise<void> {
  const instants = ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '1970-01-01T00:00:00Z'];
  const pass = ctx.actors.hostile.passes[2];
  for (let wave = 0; wave < 3; wave++) {
    const hostile = instants.flatMap((scannedAt) =>
      Array.from({ length: 4 }, () =>
        scan(ctx, ctx.actors.hostile.officer, pass.qr, { scannedAt }).then((res) => ({
          scannedAt,
          res,
        })),
      ),
    );
    const innocent = Array.from({ length: 16 }, () => ctx.innocent.scan());
    const [answers] = await Promise.all([Promise.all(hostile), Promise.all(innocent)]);
    for (const scannedAt of instants) {
      const mine = answers.filter((a) => a.scannedAt === scannedAt);
      const wrong = mine.filter((a) => a.res.status !== 400);
      ctx.tally.attack(
        'verify-service',
        `scannedAt ${scannedAt} (wave ${wave + 1})`,
        wrong.length === 0,
        wrong.length === 0
          ? 'all 400'
          : `${wrong.map((a) => describe(a.res)).join(', ')} (want 400)`,
      );
    }
  }
}

async function extremeValidity(ctx: TokenAttackContext): Promise<void> {
  const windows: [string, string, string][] = [
    ['validFrom in year 9999', '9999-12-31T00:00:00Z', '9999-12-31T12:00:00Z'],
    ['validFrom in year 0000', '0000-01-01T00:00:00Z', '0000-01-02T00:00:00Z'],
    ['validUntil in year 9999', new Date().toISOString(), '9999-12-31T23:59:59Z'],
    ['validFrom at the epoch', '1970-01-01T00:00:00Z', '1970-01-02T00:00:00Z'],
  ];
  const hostile = windows.map(async ([name, validFrom, validUntil]) => {
    const application = ctx.actors.application(ctx.actors.next(), { validFrom, validUntil });
    const res = await ctx.hostile.pass.request<{ code?: string }>('POST', '/v1/passes', {
      body: application,
      token: ctx.actors.hostile.enterpriseToken,
    });
    return { name, res: counted(ctx, 'pass-service', `POST /v1/passes (${name})`, res) };
  });
  const innocent = Array.from({ length: 8 }, () => ctx.innocent.apply());
  const [answers] = await Promise.all([Promise.all(hostile), Promise.all(innocent)]);
  for (const { name, res } of answers) {
    ctx.tally.attack(
      'pass-service',
      name,
      res.status === 400,
      `HTTP ${res.status} ${res.body?.code ?? ''} (want 400)`,
    );
  }
}

async function loginRace(ctx: TokenAttackContext): Promise<void> {
  const username = `hostile-${ctx.actors.runId}-race`;
  const created = await ctx.hostile.pass.request('POST', '/v1/users', {
    body: { username, password: ctx.actors.password, role: 'official' },
    token: ctx.actors.adminToken,
  });
  if (created.status !== 201) {
    ctx.tally.attack('pass-service', 'login race (user set-up)', false, `HTTP ${created.status}`);
    return;
  }
  const attempts = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      ctx.racer
        .request('POST', '/v1/auth/login', { body: { username, password: `wrong-password-${i}` } })
        .then((r) => counted(ctx, 'pass-service', 'POST /v1/auth/login (race)', r).status)
        .catch(() => 0),
    ),
  );
  const checked = attempts.filter((s) => s === 401).length;
  const limited = attempts.filter((s) => s === 429).length;
  const other = attempts.filter((s) => s !== 401 && s !== 429);
  ctx.tally.attack(
    'pass-service',
    '40 concurrent wrong passwords for one user',
    checked <= ctx.loginFailuresPerUser && other.length === 0,
    `${checked} checked (401), ${limited} refused (429)${other.length ? `, others: ${other.join(' ')}` : ''} (want at most ${ctx.loginFailuresPerUser} checked)`,
  );
}
