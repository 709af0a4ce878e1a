import type { HttpClient, HttpResponse } from '../shared/http-client';
import type { Actors } from './actors';
import { credentialsFor, type Credential, type GenuineTokens } from './credentials';
import { mutatedCase, seedCase, type HttpCase, type Random } from './mutate';
import type { Operation, ServiceName } from './openapi';
import { SEEDS, type Seed, type SeedRequest } from './seeds';
import type { Tally } from './tally';

/** Errors Node's client raises before sending (a header byte it will not write): not a request. */
const CLIENT_SIDE = new Set([
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_UNESCAPED_CHARACTERS',
  'ERR_HTTP_INVALID_HEADER_VALUE',
  'ERR_INVALID_URL',
]);

/** The services' body limit (libs/platform): a larger body may be cut off unanswered. */
const BODY_LIMIT_BYTES = 64 * 1024;

/** Headers and URL past this may be answered (431) before they are sent whole. */
const HEADER_LIMIT_BYTES = 8 * 1024;

export interface RouteAttack {
  clients: Record<ServiceName, HttpClient>;
  /** A client of its own for one request (the attacker's address, a fresh connection). */
  freshClient(service: ServiceName): HttpClient;
  actors: Actors;
  tokens: GenuineTokens;
  accessJwksText: string;
  tally: Tally;
  rng: Random;
  casesPerOperation: number;
  concurrency: number;
  deadline: number;
}

/**
 * Every operation of the descriptions: first its valid seed (which must succeed, or the
 * mutations would only ever meet the first check), then `casesPerOperation - 1` mutations,
 * shuffled over all operations and sent `concurrency` at a time. Returns whether every planned
 * case was sent before the deadline.
 */
export async function attackRoutes(operations: Operation[], run: RouteAttack): Promise<boolean> {
  const planned: { op: Operation; seed: Seed; credentials: Credential[] }[] = [];
  for (const op of operations) {
    const seed = SEEDS[op.key];
    if (!seed) {
      run.tally.fail(
        'no generator',
        op.service,
        op.key,
        'no seed in tools/hostile/seeds.ts for this operation',
      );
      continue;
    }
    const first = seed.build(run.actors, 0);
    const passToken = run.actors.hostile.passes[0].qr;
    planned.push({
      op,
      seed,
      credentials: credentialsFor(first.role, run.tokens, run.accessJwksText, passToken),
    });
  }

  for (const { op, seed } of planned) {
    const request = seed.build(run.actors, 0);
    const outcome = await send(run, op, seedCase(op, request, genuineOf(request, run.tokens)));
    // A rate limit is the service's right (a run straight after another from the same address).
    const refused = outcome !== undefined && (outcome.status < 200 || outcome.status >= 300);
    if (refused && outcome.status !== 429 && !seed.alsoValid?.includes(outcome.status)) {
      run.tally.fail(
        'seed refused',
        op.service,
        op.key,
        `HTTP ${outcome.status} ${outcome.raw.toString('utf8').slice(0, 200)}`,
      );
    }
  }

  const queue: { index: number; plan: (typeof planned)[number] }[] = [];
  for (const plan of planned) {
    for (let index = 1; index < run.casesPerOperation; index++) queue.push({ index, plan });
  }
  shuffle(queue, run.rng);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < queue.length && Date.now() < run.deadline) {
      const { index, plan } = queue[next++];
      const request = plan.seed.build(run.actors, index);
      const genuine = genuineOf(request, run.tokens);
      const limit = plan.seed.authorisedCases ?? Number.POSITIVE_INFINITY;
      const httpCase = mutatedCase(plan.op, request, genuine, plan.credentials, run.rng, {
        genuineAllowed: index < limit,
      });
      await send(run, plan.op, httpCase);
    }
  };
  await Promise.all(Array.from({ length: run.concurrency }, worker));
  return next >= queue.length;
}

function isOversize(httpCase: HttpCase): boolean {
  const headerBytes = Object.entries(httpCase.headers).reduce(
    (sum, [k, v]) => sum + k.length + v.length,
    httpCase.path.length,
  );
  return (
    headerBytes > HEADER_LIMIT_BYTES ||
    (httpCase.rawBody !== undefined && httpCase.rawBody.length > BODY_LIMIT_BYTES)
  );
}

function genuineOf(request: SeedRequest, tokens: GenuineTokens): Credential {
  const token = request.role === 'public' ? undefined : tokens[request.role];
  const header = token === undefined ? undefined : `Bearer ${token}`;
  return { label: 'genuine', header, forged: false, sameRole: true };
}

/** Sends one case and judges the answer; undefined when there was none. */
async function send(
  run: RouteAttack,
  op: Operation,
  httpCase: HttpCase,
): Promise<HttpResponse | undefined> {
  const { tally } = run;
  // A request answered before it was sent whole (431 for its headers, 413 for its body) leaves
  // Node's keep-alive pool a connection the server has closed, and the next request on it fails
  // as if unanswered: such a request goes on a connection of its own.
  const early = isOversize(httpCase);
  const client = early ? run.freshClient(op.service) : run.clients[op.service];
  let res: HttpResponse;
  try {
    res = await client.request(httpCase.method, httpCase.path, {
      headers: httpCase.headers,
      rawBody: httpCase.rawBody,
      headersOnly: httpCase.stream,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && CLIENT_SIDE.has(code)) {
      tally.notSent(op.service);
      return undefined;
    }
    if (httpCase.rawBody !== undefined && httpCase.rawBody.length > BODY_LIMIT_BYTES) {
      tally.cutOff(op.service);
      return undefined;
    }
    // Node's own 431 carries a body even to a HEAD whose headers overflowed: unreadable, not lost.
    if (httpCase.method === 'HEAD' && early && code?.startsWith('HPE_')) {
      tally.unreadable(op.service);
      return undefined;
    }
    tally.unanswered(op.service, op.key);
    tally.fail('no answer', op.service, op.key, `${httpCase.label}: ${String(error)}`);
    return undefined;
  } finally {
    if (early) client.close();
  }
  tally.answered(op.service, op.key, res.status);
  const body = res.body as { statusCode?: unknown; code?: unknown; message?: unknown } | undefined;
  const code = typeof body?.code === 'string' ? body.code : '';
  if (res.status >= 500) {
    tally.fail('5xx', op.service, op.key, `HTTP ${res.status} ${code} after ${httpCase.label}`);
  }
  if (httpCase.forged && op.secured && res.status < 300) {
    tally.authBypass(op.service, op.key, `HTTP ${res.status} with ${httpCase.label}`);
  }
  if (res.status >= 400 && httpCase.method !== 'HEAD' && !isErrorBody(body, res.status)) {
    tally.badErrorBody(
      op.service,
      op.key,
      `HTTP ${res.status} "${res.raw.toString('utf8').slice(0, 80)}" after ${httpCase.label}`,
    );
  }
  return res;
}

/** The one error format: `{ statusCode, code, message }`, the status repeated. */
function isErrorBody(body: unknown, status: number): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return b.statusCode === status && typeof b.code === 'string' && typeof b.message === 'string';
}

function shuffle<T>(items: T[], rng: Random): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}
