import { randomBytes, randomUUID } from 'node:crypto';
import { COUNTIES, type Actors } from './actors';

/** Who sends the seed; `metrics` is the scrape token of /metrics (METRICS_TOKEN), not a user. */
export type Role = 'public' | 'metrics' | 'admin' | 'enterprise' | 'official' | 'officer';

/** A valid request to one operation: the starting point every mutation of it changes. */
export interface SeedRequest {
  role: Role;
  path?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** A live stream (Server-Sent Events): read the status and headers, then hang up. */
  stream?: boolean;
}

export interface Seed {
  build(actors: Actors, index: number): SeedRequest;
  /**
   * Only this many of the operation's cases carry the genuine token; the others get forged or
   * missing ones. For operations whose every success has a lasting effect on the whole stack
   * (rotating the pass-signing key) a few are enough.
   */
  authorisedCases?: number;
  /** Answers besides 2xx that the valid seed may get. */
  alsoValid?: number[];
}

const DAY_MS = 86_400_000;

/** Today and yesterday as calendar dates in the reports' zone (UTC is near enough for a valid range). */
function reportRange(): { from: string; to: string } {
  const today = new Date().toISOString().slice(0, 10);
  return { from: new Date(Date.now() - DAY_MS).toISOString().slice(0, 10), to: today };
}

/**
 * The table of valid requests, one per operation of the three OpenAPI descriptions. Unique
 * values (credit codes, usernames, plates, codes) come from the run's counter so that a mutation
 * the service accepts is a real new row, checked afterwards against the domain rules.
 */
export const SEEDS: Record<string, Seed> = {
  // every service
  'GET /health': { build: () => ({ role: 'public' }) },
  'GET /health/live': { build: () => ({ role: 'public' }) },
  'GET /health/ready': { build: () => ({ role: 'public' }) },
  // Without a known METRICS_TOKEN the services may keep /metrics off (404): still no 5xx.
  'GET /metrics': { build: () => ({ role: 'metrics' }), alsoValid: [404] },
  // The audit trail, on all three services (an official reads the entries of their scope).
  'GET /v1/audit': {
    build: () => ({ role: 'official', query: { action: 'pass.revoked', limit: '20' } }),
  },
  // pass-service
  'GET /.well-known/jwks.json': { build: () => ({ role: 'public' }) },
  'GET /.well-known/access-token-jwks.json': { build: () => ({ role: 'public' }) },
  'POST /v1/signing-keys/rotate': { build: () => ({ role: 'admin' }), authorisedCases: 2 },
  'POST /v1/auth/login': {
    build: (a) => ({
      role: 'public',
      body: { username: a.hostile.loginUsername, password: a.password },
    }),
  },
  'POST /v1/users': {
    build: (a) => ({
      role: 'admin',
      body: {
        username: `hostile-${a.runId}-u${a.next()}`,
        password: a.password,
        role: 'official',
      },
    }),
  },
  // Sessions and user administration. A live refresh token is spent by its first use, and the
  // run's own users must keep working: the seeds name tokens and users that do not exist (the
  // answer is then 401 or 404), and the password seed gives a wrong current password.
  'POST /v1/auth/refresh': {
    build: () => ({
      role: 'public',
      body: { refreshToken: randomBytes(32).toString('base64url') },
    }),
    alsoValid: [401],
  },
  'POST /v1/auth/logout': {
    build: () => ({
      role: 'public',
      body: { refreshToken: randomBytes(32).toString('base64url') },
    }),
  },
  'POST /v1/auth/password': {
    build: (a) => ({
      role: 'official',
      body: { currentPassword: `not-${a.password}`, newPassword: `${a.password}-new` },
    }),
    alsoValid: [400],
  },
  'GET /v1/users': { build: () => ({ role: 'admin', query: { role: 'official', limit: '10' } }) },
  'POST /v1/users/{id}/disable': {
    build: () => ({ role: 'admin', path: { id: randomUUID() }, body: { reason: '离职 left' } }),
    alsoValid: [404],
  },
  'POST /v1/users/{id}/enable': {
    build: () => ({ role: 'admin', path: { id: randomUUID() }, body: { reason: '复职' } }),
    alsoValid: [404],
  },
  'POST /v1/users/{id}/reset-password': {
    build: (a) => ({ role: 'admin', path: { id: randomUUID() }, body: { password: a.password } }),
    alsoValid: [404],
  },
  'POST /v1/users/{id}/scope': {
    build: () => ({ role: 'admin', path: { id: randomUUID() }, body: { divisionScope: '410200' } }),
    alsoValid: [404],
  },
  'GET /v1/divisions': { build: () => ({ role: 'public', query: { parent: COUNTIES.city } }) },
  'POST /v1/enterprises': {
    build: (a) => {
      const n = a.next();
      return {
        role: 'public',
        body: {
          name: `开封试探${a.runId}-${n}贸易有限公司`,
          creditCode: a.creditCode(),
          divisionCode: COUNTIES.hostileEnterprise,
          contactName: '赵经理',
          contactPhone: '13700137000',
          username: `hostile-${a.runId}-e${n}`,
          password: a.password,
        },
      };
    },
  },
  // Onboarding. The decisions name enterprises that do not exist (404): the run's own
  // enterprises must stay active, and a mutation that reached a real one would change the run.
  'GET /v1/enterprises': {
    build: () => ({ role: 'official', query: { status: 'pending_review', limit: '20' } }),
  },
  'GET /v1/enterprises/{id}': {
    build: (a) => ({ role: 'official', path: { id: a.hostile.enterpriseId } }),
  },
  'POST /v1/enterprises/{id}/approve': {
    build: () => ({ role: 'official', path: { id: randomUUID() }, body: {} }),
    alsoValid: [404],
  },
  'POST /v1/enterprises/{id}/reject': {
    build: () => ({ role: 'official', path: { id: randomUUID() }, body: { reason: '材料不全' } }),
    alsoValid: [404],
  },
  'POST /v1/enterprises/{id}/suspend': {
    build: () => ({
      role: 'official',
      path: { id: randomUUID() },
      body: { reason: '违规 suspended', revokePasses: false },
    }),
    alsoValid: [404],
  },
  'POST /v1/enterprises/{id}/reinstate': {
    build: () => ({ role: 'admin', path: { id: randomUUID() }, body: { reason: '整改完成' } }),
    alsoValid: [404],
  },
  // Vehicles and plate transfers. A new plate each time; a transfer for a plate nobody holds is
  // 409 TRANSFER_NOT_NEEDED, and the decisions name transfers that do not exist (404).
  'POST /v1/vehicles': {
    build: (a) => {
      const n = a.next();
      return {
        role: 'enterprise',
        body: { plate: a.application(n).plate, kind: 'truck', licenceNumber: `HX-${a.runId}-${n}` },
      };
    },
  },
  'GET /v1/vehicles': { build: () => ({ role: 'enterprise', query: { limit: '10' } }) },
  'POST /v1/plate-transfers': {
    build: (a) => ({
      role: 'enterprise',
      body: { plate: a.application(a.next()).plate, reason: '车辆已过户 bought' },
    }),
    alsoValid: [409],
  },
  'GET /v1/plate-transfers': {
    build: () => ({ role: 'official', query: { status: 'pending', limit: '10' } }),
  },
  'POST /v1/plate-transfers/{id}/approve': {
    build: () => ({ role: 'official', path: { id: randomUUID() }, body: {} }),
    alsoValid: [404],
  },
  'POST /v1/plate-transfers/{id}/reject': {
    build: () => ({ role: 'official', path: { id: randomUUID() }, body: { reason: '材料不全' } }),
    alsoValid: [404],
  },
  'POST /v1/passes': {
    build: (a) => ({
      role: 'enterprise',
      body: { ...a.application(a.next()) },
      headers: { 'idempotency-key': randomUUID() },
    }),
  },
  // Batch applications: the upload takes multipart only (a JSON or empty body is 415), and a
  // batch id nobody uploaded is 404; the e2e suite covers real files (batches.e2e-spec.ts).
  'GET /v1/passes/batches/template.xlsx': { build: () => ({ role: 'enterprise' }) },
  'POST /v1/passes/batches': { build: () => ({ role: 'enterprise' }), alsoValid: [415] },
  'GET /v1/passes/batches/{id}': {
    build: () => ({ role: 'enterprise', path: { id: randomUUID() } }),
    alsoValid: [404],
  },
  'GET /v1/passes/batches/{id}/result.xlsx': {
    build: () => ({ role: 'enterprise', path: { id: randomUUID() } }),
    alsoValid: [404],
  },
  'GET /v1/passes': {
    build: () => ({ role: 'enterprise', query: { status: 'issued', limit: '10' } }),
  },
  'GET /v1/passes/{id}': {
    build: (a, i) => ({ role: 'enterprise', path: { id: pick(a.hostile.passes, i).id } }),
  },
  'POST /v1/passes/{id}/approve': {
    build: (a, i) => ({ role: 'official', path: { id: pick(a.hostile.pending, i) } }),
  },
  'POST /v1/passes/{id}/reject': {
    build: (a, i) => ({
      role: 'official',
      path: { id: pick(a.hostile.pending, i + 4) },
      body: { reason: '货物与申报不符' },
    }),
  },
  'POST /v1/passes/{id}/revoke': {
    build: (a, i) => ({
      role: 'enterprise',
      path: { id: pick(a.hostile.revocable, i).id },
      body: { reason: '车辆故障，行程取消' },
    }),
  },
  // A renewal days after the pass it renews; a later case on the same pass and day overlaps (409).
  'POST /v1/passes/{id}/renew': {
    build: (a, i) => {
      const from = Date.now() + (5 + (i % 7)) * DAY_MS;
      return {
        role: 'enterprise',
        path: { id: pick(a.hostile.passes, i).id },
        body: {
          validFrom: new Date(from).toISOString(),
          validUntil: new Date(from + DAY_MS / 2).toISOString(),
        },
        headers: { 'idempotency-key': randomUUID() },
      };
    },
    alsoValid: [409],
  },
  // Not the applications the approve and reject seeds decide first; a decided one is 409.
  'POST /v1/passes/{id}/cancel': {
    build: (a, i) => ({ role: 'enterprise', path: { id: pick(a.hostile.pending, i + 2) } }),
    alsoValid: [409],
  },
  'GET /v1/passes/{id}/qr.svg': {
    build: (a, i) => ({ role: 'enterprise', path: { id: pick(a.hostile.passes, i).id } }),
  },
  'GET /v1/passes/{id}/qr.png': {
    build: (a, i) => ({ role: 'enterprise', path: { id: pick(a.hostile.passes, i).id } }),
  },
  'GET /v1/passes/{id}/print': {
    build: (a, i) => ({ role: 'enterprise', path: { id: pick(a.hostile.passes, i).id } }),
  },
  // The driver's link: made (replacing the last), read, withdrawn; opened by anyone with a secret.
  'POST /v1/passes/{id}/share': {
    build: (a, i) => ({ role: 'enterprise', path: { id: pick(a.hostile.passes, i).id } }),
  },
  'GET /v1/passes/{id}/share': {
    build: (a, i) => ({ role: 'enterprise', path: { id: pick(a.hostile.passes, i).id } }),
    alsoValid: [404],
  },
  'DELETE /v1/passes/{id}/share': {
    build: (a, i) => ({ role: 'enterprise', path: { id: pick(a.hostile.passes, i).id } }),
  },
  // Status notices and webhooks. The stack admits loopback webhooks (WEBHOOK_ALLOWED_NETWORKS);
  // nothing listens on port 9, so deliveries fail and are retried, which is all right here.
  'PUT /v1/enterprises/me/webhook': {
    build: () => ({
      role: 'enterprise',
      body: { url: 'http://127.0.0.1:9/epass-hook', secret: randomBytes(24).toString('base64url') },
    }),
  },
  'GET /v1/enterprises/me/webhook': { build: () => ({ role: 'enterprise' }), alsoValid: [404] },
  'DELETE /v1/enterprises/me/webhook': { build: () => ({ role: 'enterprise' }), alsoValid: [404] },
  'GET /v1/enterprises/me/webhook/deliveries': {
    build: () => ({ role: 'enterprise', query: { limit: '10' } }),
  },
  'GET /v1/passes/notices/stream': { build: () => ({ role: 'enterprise', stream: true }) },
  // A secret of the right shape that no link has (the run cannot read one back): 404 is the answer.
  'GET /v1/shared-passes/{secret}': {
    build: () => ({ role: 'public', path: { secret: randomBytes(16).toString('base64url') } }),
    alsoValid: [404],
  },

  // verify-service
  'POST /v1/checkpoints': {
    build: (a) => ({
      role: 'admin',
      body: {
        code: `HOSTILE-${a.runId}-C${a.next()}`,
        name: '兰考试探检查站',
        divisionCode: '410225',
        corridorDivisions: ['410100'],
        latitude: 34.82,
        longitude: 114.82,
      },
    }),
  },
  'GET /v1/checkpoints': { build: () => ({ role: 'officer' }) },
  'GET /v1/trusted-keys': { build: () => ({ role: 'officer' }) },
  'GET /v1/revocations': { build: () => ({ role: 'officer', query: { since: '0' } }) },
  'POST /v1/verifications': {
    build: (a, i) => {
      const pass = pick(a.hostile.passes, i);
      return {
        role: 'officer',
        body: {
          qr: pass.qr,
          checkpointCode: a.hostile.officer.checkpointCode,
          direction: i % 2 === 0 ? 'entry' : 'exit',
          observedPlate: pass.plate,
          clientScanId: randomUUID(),
          scannedAt: new Date().toISOString(),
        },
      };
    },
  },
  'GET /v1/verifications': {
    build: (a) => ({
      role: 'official',
      query: { checkpointCode: a.hostile.officer.checkpointCode, verdict: 'accepted', limit: '20' },
    }),
  },

  // reporting-service
  'GET /v1/reports/summary': { build: () => ({ role: 'official', query: reportRange() }) },
  'GET /v1/reports/daily': {
    build: () => ({ role: 'official', query: { ...reportRange(), by: 'origin', level: 'city' } }),
  },
  'GET /v1/reports/top': {
    build: () => ({
      role: 'official',
      query: { ...reportRange(), dimension: 'enterprise', limit: '5' },
    }),
  },
  'GET /v1/reports/flows': {
    build: () => ({ role: 'official', query: { ...reportRange(), level: 'city', limit: '5' } }),
  },
  'GET /v1/reports/checkpoint-hourly': {
    build: (a) => ({
      role: 'official',
      query: { day: reportRange().to, checkpointCode: a.hostile.officer.checkpointCode },
    }),
  },
  'GET /v1/reports/export.csv': {
    build: () => ({ role: 'official', query: { ...reportRange(), by: 'cargo' } }),
  },
  'GET /v1/reports/stream': {
    build: () => ({ role: 'official', query: reportRange(), stream: true }),
  },
};

function pick<T>(items: readonly T[], index: number): T {
  return items[index % items.length];
}
