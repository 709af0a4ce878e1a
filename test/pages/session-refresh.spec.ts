import { randomUUID } from 'node:crypto';
import { waitFor } from '../support/test-env';

/**
 * The pages' session (web/shared/common.js) against a stand-in pass-service that rotates refresh
 * tokens as the real one does: a refresh token is spent by its use, and a spent one sent again
 * ends its whole family (REFRESH_TOKEN_REUSED). Two sessions over one storage are two tabs of the
 * scanner sharing localStorage.
 */

interface TokenAnswer {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  role: string;
  refreshToken: string;
  refreshExpiresIn: number;
}
interface SessionEnd {
  code: string;
  message: string;
  at: number;
}
interface Session {
  get(): (TokenAnswer & { claims: Record<string, unknown> }) | null;
  set(answer: TokenAnswer): unknown;
  clear(): void;
  token(): string | null;
  refresh(stale?: string | null): Promise<{ accessToken: string }>;
  fresh(waitMs?: number): Promise<string | null>;
  expired(): boolean;
  endReason(): SessionEnd | null;
  onEnded(fn: (end: SessionEnd | null) => void): void;
  logout(): Promise<void>;
}
type CodedError = Error & { status?: number; code: string };
interface Api {
  get(path: string, options?: { timeoutMs?: number }): Promise<{ ok: boolean; token: string }>;
}
interface Locks {
  request<T>(name: string, fn: () => Promise<T>): Promise<T>;
}
/** What this spec uses of common.js (the pages' shared module, plain JavaScript). */
interface Common {
  createSession(
    storage: MemoryStorage,
    key: string,
    options: { authBase: string; locks: Locks | null },
  ): Session;
  createApi(options: {
    base?: string;
    session?: Session;
    onUnauthorized?: (error: CodedError) => void;
  }): Api;
  ApiError: abstract new (...args: never[]) => CodedError;
  NetworkError: abstract new (...args: never[]) => CodedError;
}

/** localStorage as the tabs of one origin share it. */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

/** The browser's Web Locks, as far as the session uses them: one holder per name, in order. */
class FifoLocks implements Locks {
  requests = 0;
  private readonly tails = new Map<string, Promise<unknown>>();
  request<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.requests += 1;
    const run = (this.tails.get(name) ?? Promise.resolve()).then(fn);
    this.tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  }
}

const AUTH = 'http://pass.test';
const API = 'http://verify.test';
const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** pass-service's sessions: families of refresh tokens, rotated on use. */
class FakePassService {
  readonly refreshesSent: string[] = [];
  readonly logoutsSent: string[] = [];
  /** No answer from pass-service (down, or the network is). */
  down = false;
  /** Holds refresh answers (already decided) back until released, to overlap callers. */
  gate: Promise<void> | null = null;
  expiresIn = 900;
  private readonly families = new Map<string, { ended: boolean; disabled: boolean }>();
  private readonly refreshTokens = new Map<string, { family: string; spent: boolean }>();
  private readonly accessTokens = new Map<string, { family: string; expired: boolean }>();

  login(): TokenAnswer {
    const family = randomUUID();
    this.families.set(family, { ended: false, disabled: false });
    return this.issue(family);
  }

  expireAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.expired = true;
  }

  disableAll(): void {
    for (const family of this.families.values()) family.disabled = true;
  }

  /** A refresh token used somewhere else (a copy): the page's next refresh is a reuse. */
  spend(refreshToken: string): void {
    const held = this.refreshTokens.get(refreshToken);
    if (held) held.spent = true;
  }

  readonly fetch = async (
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<Response> => {
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    if (this.down) throw new TypeError('fetch failed');
    const body = init.body ? (JSON.parse(init.body) as { refreshToken?: string }) : {};
    if (path === '/v1/auth/refresh') {
      this.refreshesSent.push(body.refreshToken ?? '');
      const answer = this.refresh(body.refreshToken ?? '');
      await this.gate;
      return answer;
    }
    if (path === '/v1/auth/logout') {
      this.logoutsSent.push(body.refreshToken ?? '');
      const held = this.refreshTokens.get(body.refreshToken ?? '');
      const family = held && this.families.get(held.family);
      if (family) family.ended = true;
      return new Response(null, { status: 204 });
    }
    const bearer = init.headers?.Authorization?.replace(/^Bearer /, '') ?? '';
    const access = this.accessTokens.get(bearer);
    if (!access || access.expired) return error(401, 'UNAUTHENTICATED');
    if (this.families.get(access.family)?.disabled) return error(401, 'ACCOUNT_DISABLED');
    return json(200, { ok: true, token: bearer });
  };

  private refresh(refreshToken: string): Response {
    const held = this.refreshTokens.get(refreshToken);
    const family = held && this.families.get(held.family);
    if (!held || !family || family.ended) return error(401, 'REFRESH_TOKEN_INVALID');
    if (family.disabled) return error(401, 'ACCOUNT_DISABLED');
    if (held.spent) {
      family.ended = true;
      return error(401, 'REFRESH_TOKEN_REUSED');
    }
    held.spent = true;
    return json(200, this.issue(held.family));
  }

  private issue(family: string): TokenAnswer {
    const claims = { sub: family, usr: 'officer-1', role: 'officer', cp: 'CP-1', n: randomUUID() };
    const accessToken = `${b64({ alg: 'ES256' })}.${b64(claims)}.sig`;
    const refreshToken = randomUUID();
    this.accessTokens.set(accessToken, { family, expired: false });
    this.refreshTokens.set(refreshToken, { family, spent: false });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.expiresIn,
      role: 'officer',
      refreshToken,
      refreshExpiresIn: 43_200,
    };
  }
}

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const error = (status: number, code: string): Response =>
  json(status, { statusCode: status, code, message: `${code} (stand-in)` });

describe('the pages’ session: silent refresh of the access token', () => {
  const COMMON_JS = '../../web/shared/common.js';
  let common: Common;
  let server: FakePassService;
  let storage: MemoryStorage;
  const sessions: Session[] = [];
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    common = (await import(COMMON_JS)) as Common;
  });

  beforeEach(() => {
    server = new FakePassService();
    storage = new MemoryStorage();
    globalThis.fetch = server.fetch as unknown as typeof fetch;
  });

  afterEach(() => {
    // Stops every session's renewal timer.
    sessions.splice(0).forEach((session) => session.clear());
    globalThis.fetch = realFetch;
  });

  /** A tab of the page: its own session object and API over the shared storage. */
  function tab(locks: Locks | null = new FifoLocks()) {
    const session = common.createSession(storage, 'epass.test.session', {
      authBase: AUTH,
      locks,
    });
    sessions.push(session);
    const unauthorized: CodedError[] = [];
    const ended: (SessionEnd | null)[] = [];
    session.onEnded((end) => ended.push(end));
    const api = common.createApi({
      base: API,
      session,
      onUnauthorized: (e) => unauthorized.push(e),
    });
    return { session, api, unauthorized, ended };
  }

  it('retries requests refused as UNAUTHENTICATED once, after a single shared refresh', async () => {
    const locks = new FifoLocks();
    const { session, api, unauthorized } = tab(locks);
    const first = server.login();
    session.set(first);
    server.expireAccessTokens();

    const answers = await Promise.all(Array.from({ length: 5 }, () => api.get('/v1/things')));

    expect(server.refreshesSent).toEqual([first.refreshToken]);
    // One refresh for all five, not five queued behind the lock.
    expect(locks.requests).toBe(1);
    const renewed = session.token();
    expect(renewed).not.toBe(first.accessToken);
    expect(answers.map((a) => a.token)).toEqual(Array(5).fill(renewed));
    expect(unauthorized).toEqual([]);
  });

  it.each([
    ['Web Locks', () => new FifoLocks()],
    ['a lease in the storage', () => null],
  ])(
    'never sends one refresh token twice from two tabs sharing the storage (%s)',
    async (_name, locksOf) => {
      const locks = locksOf();
      const a = tab(locks);
      const b = tab(locks);
      const first = server.login();
      a.session.set(first);
      server.expireAccessTokens();
      let release = () => {};
      server.gate = new Promise((resolve) => (release = resolve));

      const calls = [
        ...Array.from({ length: 3 }, () => a.api.get('/v1/things')),
        ...Array.from({ length: 3 }, () => b.api.get('/v1/things')),
      ];
      await waitFor(() => server.refreshesSent.length > 0, 'the first refresh to be sent');
      release();
      const answers = await Promise.all(calls);

      expect(server.refreshesSent).toEqual([first.refreshToken]);
      expect(a.session.token()).toBe(b.session.token());
      expect(new Set(answers.map((x) => x.token))).toEqual(new Set([a.session.token()]));
      expect([...a.unauthorized, ...b.unauthorized, ...a.ended, ...b.ended]).toEqual([]);
    },
  );

  it('waits for another tab’s refresh (a live lease) and takes its result', async () => {
    const other = tab(null);
    const mine = tab(null);
    const first = server.login();
    other.session.set(first);
    storage.setItem(
      'epass.test.session.refreshing',
      JSON.stringify({ tab: 'the-other-tab', until: Date.now() + 20_000 }),
    );

    const waiting = mine.session.refresh(first.accessToken);
    // The other tab's refresh, done by hand: it spends the token and stores the new session.
    const response = await server.fetch(`${AUTH}/v1/auth/refresh`, {
      method: 'POST',
      body: JSON.stringify({ refreshToken: first.refreshToken }),
    });
    other.session.set((await response.json()) as TokenAnswer);
    storage.removeItem('epass.test.session.refreshing');

    const result = await waiting;
    expect(result.accessToken).toBe(other.session.token());
    expect(server.refreshesSent).toEqual([first.refreshToken]);
  });

  it('takes over the lease of a tab that died mid-refresh once it lapses', async () => {
    const { session } = tab(null);
    const first = server.login();
    session.set(first);
    storage.setItem(
      'epass.test.session.refreshing',
      JSON.stringify({ tab: 'a-closed-tab', until: Date.now() - 1 }),
    );
    const result = await session.refresh(first.accessToken);
    expect(result.accessToken).not.toBe(first.accessToken);
    expect(server.refreshesSent).toEqual([first.refreshToken]);
  });

  it('renews the access token in the background shortly before it expires', async () => {
    server.expiresIn = 1;
    const { session } = tab();
    const first = server.login();
    session.set(first);
    await waitFor(() => session.token() !== first.accessToken, 'a background refresh', 10_000);
    expect(server.refreshesSent[0]).toBe(first.refreshToken);
    expect(session.get()?.refreshToken).not.toBe(first.refreshToken);
  });

  it('ends the session when the refresh token was reused elsewhere, and says so', async () => {
    const { session, api, unauthorized, ended } = tab();
    const first = server.login();
    session.set(first);
    server.spend(first.refreshToken);
    server.expireAccessTokens();

    await expect(api.get('/v1/things')).rejects.toMatchObject({
      status: 401,
      code: 'REFRESH_TOKEN_REUSED',
    });
    expect(session.get()).toBeNull();
    expect(session.endReason()).toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });
    expect(unauthorized.map((e) => e.code)).toEqual(['REFRESH_TOKEN_REUSED']);
    expect(ended.map((e) => e?.code)).toEqual(['REFRESH_TOKEN_REUSED']);
    // A later call does not try again with the dead token.
    await expect(api.get('/v1/things')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(server.refreshesSent).toEqual([first.refreshToken]);
  });

  it('ends the session at once for a disabled account, without a refresh', async () => {
    const { session, api, unauthorized } = tab();
    session.set(server.login());
    server.disableAll();

    await expect(api.get('/v1/things')).rejects.toMatchObject({ code: 'ACCOUNT_DISABLED' });
    expect(server.refreshesSent).toEqual([]);
    expect(session.get()).toBeNull();
    expect(session.endReason()?.code).toBe('ACCOUNT_DISABLED');
    expect(unauthorized).toHaveLength(1);
  });

  it('ends a session that has no refresh token (signed in before refresh tokens)', async () => {
    const { session, api, unauthorized } = tab();
    const legacy: Partial<TokenAnswer> = server.login();
    delete legacy.refreshToken;
    delete legacy.refreshExpiresIn;
    session.set(legacy as TokenAnswer);
    server.expireAccessTokens();

    await expect(api.get('/v1/things')).rejects.toMatchObject({ status: 401 });
    expect(server.refreshesSent).toEqual([]);
    expect(session.get()).toBeNull();
    expect(unauthorized).toHaveLength(1);
  });

  it('refuses a forged refresh token and ends the session', async () => {
    const { session, api } = tab();
    session.set({ ...server.login(), refreshToken: 'forged-or-truncated' });
    server.expireAccessTokens();
    await expect(api.get('/v1/things')).rejects.toMatchObject({ code: 'REFRESH_TOKEN_INVALID' });
    expect(session.endReason()?.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('keeps the session when pass-service cannot be reached, and fails as a network error', async () => {
    const { session, api, unauthorized } = tab();
    const first = server.login();
    session.set(first);
    server.expireAccessTokens();
    let calls = 0;
    globalThis.fetch = (async (url: string, init: never) => {
      calls += 1;
      if (url.startsWith(AUTH)) throw new TypeError('fetch failed');
      return server.fetch(url, init);
    }) as unknown as typeof fetch;

    await expect(api.get('/v1/things')).rejects.toBeInstanceOf(common.NetworkError);
    expect(calls).toBe(2);
    expect(session.get()?.refreshToken).toBe(first.refreshToken);
    expect(unauthorized).toEqual([]);

    // Back: the next call renews and goes through.
    globalThis.fetch = server.fetch as unknown as typeof fetch;
    await expect(api.get('/v1/things')).resolves.toMatchObject({ ok: true });
    expect(server.refreshesSent).toEqual([first.refreshToken]);
  });

  it('signs out at pass-service, and a refresh answer arriving after that is not kept', async () => {
    const { session } = tab();
    const first = server.login();
    session.set(first);
    let release = () => {};
    server.gate = new Promise((resolve) => (release = resolve));
    const refreshing = session.refresh(first.accessToken);
    await waitFor(() => server.refreshesSent.length > 0, 'the refresh to be sent');

    await session.logout();
    release();

    await expect(refreshing).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(session.get()).toBeNull();
    expect(session.endReason()).toBeNull();
    expect(server.logoutsSent[0]).toBe(first.refreshToken);
    // The token the late answer carried is ended too.
    await waitFor(() => server.logoutsSent.length === 2, 'the late token to be ended');
  });

  it('reads a damaged stored session as none', async () => {
    storage.setItem('epass.test.session', '{"accessToken": ');
    const { session, api, unauthorized } = tab();
    expect(session.get()).toBeNull();
    expect(session.expired()).toBe(false);
    await expect(api.get('/v1/things')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(unauthorized).toHaveLength(1);
    expect(server.refreshesSent).toEqual([]);
  });
});
