import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseTopicEvent, Topic } from '@app/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Response } from 'supertest';
import { TopicReader } from '../../../test/support/topic-reader';
import { waitFor, withPg } from '../../../test/support/test-env';
import { ADMIN, bearer, http, registerEnterprise, startPassService } from './pass-harness';

interface Session {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  role: string;
  refreshToken: string;
  refreshExpiresIn: number;
}

interface Staff {
  id: string;
  username: string;
  password: string;
}

const PASSWORD = 'Staff-password-1';

describe('pass-service sessions (refresh, logout, password) and user administration', () => {
  let app: NestFastifyApplication;
  let admin: Session;
  let adminId: string;
  let userEvents: TopicReader;

  beforeAll(async () => {
    userEvents = await new TopicReader(Topic.User).start();
    app = await startPassService();
    admin = await logIn(ADMIN.username, ADMIN.password);
    adminId = String(jwt.decode(admin.accessToken, { json: true })?.sub);
  });

  afterAll(async () => {
    await app?.close();
    await userEvents?.stop();
  });

  const logIn = async (username: string, password: string): Promise<Session> =>
    (await http(app).post('/v1/auth/login').send({ username, password }).expect(200))
      .body as Session;
  const refresh = (refreshToken: unknown) =>
    http(app).post('/v1/auth/refresh').send({ refreshToken });
  const claims = (token: string) => jwt.decode(token, { json: true }) as Record<string, unknown>;
  const codeOf = (res: Response) => (res.body as { code: string }).code;

  const createStaff = async (
    role: 'official' | 'officer' | 'admin',
    extra: Record<string, unknown> = {},
  ): Promise<Staff> => {
    const username = `${role}-${randomBytes(4).toString('hex')}`;
    const res = await http(app)
      .post('/v1/users')
      .set(bearer(admin.accessToken))
      .send({
        username,
        password: PASSWORD,
        role,
        ...(role === 'officer' ? { checkpointCode: 'KF-01' } : {}),
        ...extra,
      })
      .expect(201);
    return { id: (res.body as { id: string }).id, username, password: PASSWORD };
  };
  const adminPost = (path: string, body: object = {}, token = admin.accessToken) =>
    http(app).post(path).set(bearer(token)).send(body);
  const auditOf = (targetId: string) =>
    withPg(async (c) => {
      const res = await c.query(
        `SELECT action, actor_id, actor_role, reason, details, request_id FROM pass.audit_log
         WHERE target_type = 'user' AND target_id = $1 ORDER BY id`,
        [targetId],
      );
      return res.rows as {
        action: string;
        actor_id: string;
        actor_role: string;
        reason: string | null;
        details: Record<string, unknown> | null;
        request_id: string | null;
      }[];
    });

  describe('login and refresh', () => {
    it('answers a login with an access token and a 12-hour refresh token, and nothing else', async () => {
      const official = await createStaff('official', { divisionScope: '410200' });
      const session = await logIn(official.username, official.password);
      expect(Object.keys(session).sort()).toEqual(
        [
          'accessToken',
          'expiresIn',
          'refreshExpiresIn',
          'refreshToken',
          'role',
          'tokenType',
        ].sort(),
      );
      expect(session).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, role: 'official' });
      expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(session.refreshExpiresIn).toBeGreaterThan(43_200 - 60);
      expect(session.refreshExpiresIn).toBeLessThanOrEqual(43_200);
      expect(claims(session.accessToken)).toMatchObject({ scp: '410200', role: 'official' });
      // Only the hash is stored: the token itself appears nowhere in the table.
      const stored = await withPg((c) =>
        c.query(
          `SELECT count(*)::int AS n FROM pass.refresh_tokens
           WHERE token_hash = sha256(convert_to($1, 'UTF8'))`,
          [session.refreshToken],
        ),
      );
      expect(stored.rows[0].n).toBe(1);
    });

    it('rotates: the next refresh token works, the spent one ends the whole session', async () => {
      const officer = await createStaff('officer');
      const first = await logIn(officer.username, officer.password);
      const second = (await refresh(first.refreshToken).expect(200)).body as Session;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(claims(second.accessToken)).toMatchObject({ sub: officer.id, cp: 'KF-01' });
      // A refresh does not extend the session: it still ends when the login's does.
      expect(second.refreshExpiresIn).toBeLessThanOrEqual(first.refreshExpiresIn);
      const third = (await refresh(second.refreshToken).expect(200)).body as Session;

      const reused = await refresh(first.refreshToken).expect(401);
      expect(reused.body).toMatchObject({ statusCode: 401, code: 'REFRESH_TOKEN_REUSED' });
      // The thief and the owner are told apart by nobody: the owner's latest token ends too.
      expect(codeOf(await refresh(third.refreshToken).expect(401))).toBe('REFRESH_TOKEN_INVALID');
      // The access tokens already issued are not refresh tokens' business: they run out alone.
      await http(app).get('/v1/passes').set(bearer(third.accessToken)).expect(403);
    });

    it('keeps one session per login: a reused token on one device leaves the other alone', async () => {
      const officer = await createStaff('officer');
      const phone = await logIn(officer.username, officer.password);
      const tablet = await logIn(officer.username, officer.password);
      await refresh(phone.refreshToken).expect(200);
      await refresh(phone.refreshToken).expect(401);
      await refresh(tablet.refreshToken).expect(200);
    });

    it('lets exactly one of several concurrent refreshes with one token win, and ends the session', async () => {
      const officer = await createStaff('officer');
      for (let round = 0; round < 5; round++) {
        const session = await logIn(officer.username, officer.password);
        const results = await Promise.all(
          Array.from({ length: 4 }, () => refresh(session.refreshToken)),
        );
        const statuses = results.map((res) => res.status).sort();
        expect(statuses).toEqual([200, 401, 401, 401]);
        for (const res of results.filter((r) => r.status === 401))
          expect(codeOf(res)).toBe('REFRESH_TOKEN_REUSED');
        const winner = results.find((res) => res.status === 200)?.body as Session;
        expect(codeOf(await refresh(winner.refreshToken).expect(401))).toBe(
          'REFRESH_TOKEN_INVALID',
        );
      }
    });

    it('refuses a session past its end, however fresh its latest token', async () => {
      const officer = await createStaff('officer');
      const session = await logIn(officer.username, officer.password);
      const next = (await refresh(session.refreshToken).expect(200)).body as Session;
      // Twelve hours pass (moved in the table rather than waited for).
      await withPg((c) =>
        c.query(
          `UPDATE pass.refresh_tokens SET expires_at = now() - interval '1 second'
           WHERE user_id = $1`,
          [officer.id],
        ),
      );
      expect(codeOf(await refresh(next.refreshToken).expect(401))).toBe('REFRESH_TOKEN_INVALID');
      // A spent token of an ended session says nothing more than "invalid" either.
      expect(codeOf(await refresh(session.refreshToken).expect(401))).toBe('REFRESH_TOKEN_INVALID');
    });

    it('answers garbage refresh tokens with 401, and malformed bodies with 400 or 413', async () => {
      const shaped = randomBytes(32).toString('base64url');
      for (const token of [
        shaped,
        'x',
        `${shaped}=`,
        "' OR 1=1 --",
        '\u202e\u2066',
        admin.accessToken.slice(0, 256),
      ]) {
        const res = await refresh(token).expect(401);
        expect(res.body).toMatchObject({ statusCode: 401, code: 'REFRESH_TOKEN_INVALID' });
      }
      for (const body of [
        {},
        { refreshToken: 42 },
        { refreshToken: null },
        { refreshToken: '' },
        { refreshToken: 'a'.repeat(257) },
        { refreshToken: shaped, extra: true },
        { refreshToken: '\u0000' },
        [shaped],
      ]) {
        const res = await http(app).post('/v1/auth/refresh').send(body);
        expect(res.status).toBe(400);
      }
      const huge = await http(app)
        .post('/v1/auth/refresh')
        .send({ refreshToken: 'a'.repeat(2_000_000) });
      expect(huge.status).toBe(413);
    });
  });

  describe('logout', () => {
    it('ends the session of that device, and answers 204 to anything token-like', async () => {
      const officer = await createStaff('officer');
      const session = await logIn(officer.username, officer.password);
      const other = await logIn(officer.username, officer.password);
      await http(app)
        .post('/v1/auth/logout')
        .send({ refreshToken: session.refreshToken })
        .expect(204);
      expect(codeOf(await refresh(session.refreshToken).expect(401))).toBe('REFRESH_TOKEN_INVALID');
      await refresh(other.refreshToken).expect(200);
      // Twice, unknown, garbage: the same answer, which tells a guesser nothing.
      for (const refreshToken of [session.refreshToken, randomBytes(32).toString('base64url'), '!'])
        await http(app).post('/v1/auth/logout').send({ refreshToken }).expect(204);
      await http(app).post('/v1/auth/logout').send({ refreshToken: 7 }).expect(400);
      await http(app).post('/v1/auth/logout').send({}).expect(400);
    });
  });

  describe('POST /v1/auth/password', () => {
    it('changes the password, ends the other sessions and keeps the one named', async () => {
      const official = await createStaff('official');
      const here = await logIn(official.username, official.password);
      const elsewhere = await logIn(official.username, official.password);
      const newPassword = 'Changed-password-2';
      await http(app)
        .post('/v1/auth/password')
        .set(bearer(here.accessToken))
        .send({ currentPassword: PASSWORD, newPassword, refreshToken: here.refreshToken })
        .expect(204);
      await http(app)
        .post('/v1/auth/login')
        .send({ username: official.username, password: PASSWORD })
        .expect(401);
      await logIn(official.username, newPassword);
      await refresh(here.refreshToken).expect(200);
      expect(codeOf(await refresh(elsewhere.refreshToken).expect(401))).toBe(
        'REFRESH_TOKEN_INVALID',
      );
      const entry = (await auditOf(official.id)).find((e) => e.action !== 'user.created');
      expect(entry).toMatchObject({
        action: 'user.password-changed',
        actor_id: official.id,
        actor_role: 'official',
        details: { sessionsEnded: 1 },
      });
      expect(entry?.request_id).toEqual(expect.any(String));
    });

    it('ends every session when no refresh token is named, another user’s included never', async () => {
      const officer = await createStaff('officer');
      const bystander = await createStaff('officer');
      const session = await logIn(officer.username, officer.password);
      const theirs = await logIn(bystander.username, bystander.password);
      await http(app)
        .post('/v1/auth/password')
        .set(bearer(session.accessToken))
        // Naming someone else's session keeps nothing of theirs or one's own.
        .send({
          currentPassword: PASSWORD,
          newPassword: 'Changed-password-3',
          refreshToken: theirs.refreshToken,
        })
        .expect(204);
      await refresh(session.refreshToken).expect(401);
      await refresh(theirs.refreshToken).expect(200);
    });

    it('refuses a wrong current password with 400 (not 401: the caller stays signed in)', async () => {
      const official = await createStaff('official');
      const session = await logIn(official.username, official.password);
      const send = (body: object) =>
        http(app).post('/v1/auth/password').set(bearer(session.accessToken)).send(body);
      const cases: [object, string][] = [
        [
          { currentPassword: 'Wrong-password-1', newPassword: 'Changed-password-4' },
          'CURRENT_PASSWORD_WRONG',
        ],
        [{ currentPassword: PASSWORD, newPassword: PASSWORD }, 'PASSWORD_UNCHANGED'],
        [{ currentPassword: PASSWORD, newPassword: 'short' }, 'PASSWORD_INVALID'],
        [{ currentPassword: PASSWORD, newPassword: 'x'.repeat(129) }, 'PASSWORD_INVALID'],
        [
          { currentPassword: PASSWORD, newPassword: 'Changed-password-4', role: 'admin' },
          'UNKNOWN_FIELD',
        ],
      ];
      for (const [body, code] of cases) {
        const res = await send(body).expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, code });
      }
      await send({ currentPassword: PASSWORD }).expect(400);
      // Nothing changed.
      await logIn(official.username, PASSWORD);
      await http(app)
        .post('/v1/auth/password')
        .send({ currentPassword: PASSWORD, newPassword: 'Changed-password-5' })
        .expect(401);
    });
  });

  describe('user administration', () => {
    it('creates an official with a scope, and refuses a scope for anyone else or out of the table', async () => {
      const username = `official-${randomBytes(4).toString('hex')}`;
      const res = await adminPost('/v1/users', {
        username,
        password: PASSWORD,
        role: 'official',
        divisionScope: '410000',
      }).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        username,
        role: 'official',
        enterpriseId: null,
        checkpointCode: null,
        divisionScope: '410000',
        disabled: false,
        disabledAt: null,
        disabledReason: null,
        createdAt: expect.any(String),
      });
      const [entry] = await auditOf((res.body as { id: string }).id);
      expect(entry).toMatchObject({
        action: 'user.created',
        actor_id: adminId,
        details: { role: 'official', divisionScope: '410000', checkpointCode: null },
      });
      const refused: [Record<string, unknown>, string][] = [
        [
          { role: 'officer', checkpointCode: 'KF-01', divisionScope: '410200' },
          'DIVISION_SCOPE_INVALID',
        ],
        [{ role: 'admin', divisionScope: '410200' }, 'DIVISION_SCOPE_INVALID'],
        [{ role: 'official', divisionScope: '419999' }, 'DIVISION_SCOPE_INVALID'],
        [{ role: 'official', divisionScope: '41020' }, 'DIVISION_SCOPE_INVALID'],
        [{ role: 'official', divisionScope: 410200 }, 'DIVISION_SCOPE_INVALID'],
        [{ role: 'official', divisionScope: null }, 'DIVISION_SCOPE_INVALID'],
      ];
      for (const [fields, code] of refused) {
        const body = {
          username: `x-${randomBytes(4).toString('hex')}`,
          password: PASSWORD,
          ...fields,
        };
        expect(codeOf(await adminPost('/v1/users', body).expect(400))).toBe(code);
      }
    });

    it('lists users by username with filters and a cursor', async () => {
      const a = await createStaff('official');
      await createStaff('official');
      const all: { username: string; role: string }[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `/v1/users?role=official&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await http(app).get(query).set(bearer(admin.accessToken)).expect(200))
          .body as { items: { username: string; role: string }[]; nextCursor: string | null };
        expect(page.items.length).toBeLessThanOrEqual(2);
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(all.every((u) => u.role === 'official')).toBe(true);
      const names = all.map((u) => u.username);
      expect(names).toContain(a.username);
      expect([...names].sort()).toEqual(names);
      expect(new Set(names).size).toBe(names.length);
      const item = all.find((u) => u.username === a.username);
      expect(item).not.toHaveProperty('passwordHash');
      expect(item).not.toHaveProperty('password_hash');
      const enterprises = await http(app)
        .get('/v1/users?role=enterprise')
        .set(bearer(admin.accessToken))
        .expect(200);
      await registerEnterprise(app);
      expect(
        (
          await http(app)
            .get('/v1/users?role=enterprise')
            .set(bearer(admin.accessToken))
            .expect(200)
        ).body.items.length,
      ).toBe((enterprises.body as { items: unknown[] }).items.length + 1);
    });

    it('refuses bad list queries with stable codes', async () => {
      const cases: [string, string][] = [
        ['role=superuser', 'ROLE_INVALID'],
        ['disabled=maybe', 'DISABLED_INVALID'],
        ['limit=0', 'LIMIT_INVALID'],
        ['limit=201', 'LIMIT_INVALID'],
        ['cursor=%27%20OR%201%3D1', 'CURSOR_INVALID'],
        ['surprise=1', 'UNKNOWN_FIELD'],
      ];
      for (const [query, code] of cases) {
        const res = await http(app)
          .get(`/v1/users?${query}`)
          .set(bearer(admin.accessToken))
          .expect(400);
        expect(codeOf(res)).toBe(code);
      }
    });

    it('disables a user: login, refresh and the access token in hand are refused; enable restores', async () => {
      const officer = await createStaff('officer');
      const session = await logIn(officer.username, officer.password);
      await http(app).get('/v1/users').set(bearer(session.accessToken)).expect(403);

      const disabled = await adminPost(`/v1/users/${officer.id}/disable`, {
        reason: '离职 left the service',
      }).expect(200);
      expect(disabled.body).toMatchObject({
        id: officer.id,
        disabled: true,
        disabledReason: '离职 left the service',
        disabledAt: expect.any(String),
      });
      // This replica knows at once; the others within their poll interval (a few seconds). The
      // session's refresh token says so too (the session itself has ended).
      const refused = await http(app).get('/v1/users').set(bearer(session.accessToken)).expect(401);
      expect(refused.body).toMatchObject({ statusCode: 401, code: 'ACCOUNT_DISABLED' });
      expect(codeOf(await refresh(session.refreshToken).expect(401))).toBe('ACCOUNT_DISABLED');
      // The right password hears "disabled"; a wrong one hears what an unknown user does.
      const right = await http(app)
        .post('/v1/auth/login')
        .send({ username: officer.username, password: officer.password })
        .expect(403);
      expect(codeOf(right)).toBe('ACCOUNT_DISABLED');
      const wrong = await http(app)
        .post('/v1/auth/login')
        .send({ username: officer.username, password: 'Wrong-password-1' })
        .expect(401);
      const unknown = await http(app)
        .post('/v1/auth/login')
        .send({
          username: `nobody-${randomBytes(4).toString('hex')}`,
          password: 'Wrong-password-1',
        })
        .expect(401);
      expect(wrong.body).toEqual(unknown.body);

      expect(
        codeOf(await adminPost(`/v1/users/${officer.id}/disable`, { reason: 'again' }).expect(409)),
      ).toBe('USER_STATE_CONFLICT');
      const listed = await http(app)
        .get('/v1/users?disabled=true&role=officer&limit=200')
        .set(bearer(admin.accessToken))
        .expect(200);
      expect((listed.body as { items: { id: string }[] }).items.map((u) => u.id)).toContain(
        officer.id,
      );

      const enabled = await adminPost(`/v1/users/${officer.id}/enable`, {}).expect(200);
      expect(enabled.body).toMatchObject({
        disabled: false,
        disabledAt: null,
        disabledReason: null,
      });
      // The access token in hand works again (it had not expired); the ended session stays ended.
      await http(app).get('/v1/users').set(bearer(session.accessToken)).expect(403);
      expect(codeOf(await refresh(session.refreshToken).expect(401))).toBe('REFRESH_TOKEN_INVALID');
      await logIn(officer.username, officer.password);
      expect(codeOf(await adminPost(`/v1/users/${officer.id}/enable`, {}).expect(409))).toBe(
        'USER_STATE_CONFLICT',
      );

      expect(await auditOf(officer.id)).toEqual([
        expect.objectContaining({ action: 'user.created' }),
        expect.objectContaining({
          action: 'user.disabled',
          actor_id: adminId,
          reason: '离职 left the service',
          details: { role: 'officer', sessionsEnded: 1 },
        }),
        expect.objectContaining({ action: 'user.enabled', reason: null }),
      ]);
      // Both changes went out on epass.user.v1, keyed by the user, in order.
      const events = await waitFor(() => {
        const found = userEvents.messages
          .filter((m) => m.key === officer.id)
          .map((m) => parseTopicEvent(Topic.User, JSON.parse(m.value)));
        return found.length >= 2 ? found : undefined;
      }, 'the two user.access-changed events');
      expect(events.map((e) => e.ok && e.event.data.disabled)).toEqual([true, false]);
      expect(events[0]).toMatchObject({
        ok: true,
        event: { type: 'user.access-changed', version: 1, data: { userId: officer.id } },
      });
    });

    it('refuses to let the admin disable themself, and needs a reason to disable', async () => {
      expect(
        codeOf(await adminPost(`/v1/users/${adminId}/disable`, { reason: 'oops' }).expect(409)),
      ).toBe('CANNOT_DISABLE_SELF');
      const officer = await createStaff('officer');
      for (const body of [
        {},
        { reason: '' },
        { reason: ' ' },
        { reason: 'x'.repeat(501) },
        { reason: '\u202e' },
      ])
        await adminPost(`/v1/users/${officer.id}/disable`, body).expect(400);
      await logIn(officer.username, officer.password);
    });

    it('resets a password: every session ends, the old password is refused, the new one works', async () => {
      const official = await createStaff('official');
      const session = await logIn(official.username, official.password);
      await adminPost(`/v1/users/${official.id}/reset-password`, {
        password: 'Reset-password-9',
      }).expect(204);
      expect(codeOf(await refresh(session.refreshToken).expect(401))).toBe('REFRESH_TOKEN_INVALID');
      await http(app)
        .post('/v1/auth/login')
        .send({ username: official.username, password: official.password })
        .expect(401);
      await logIn(official.username, 'Reset-password-9');
      expect(
        codeOf(
          await adminPost(`/v1/users/${official.id}/reset-password`, { password: 'short' }).expect(
            400,
          ),
        ),
      ).toBe('PASSWORD_INVALID');
      expect((await auditOf(official.id)).map((e) => e.action)).toEqual([
        'user.created',
        'user.password-reset',
      ]);
    });

    it('changes an official’s scope from their next refresh on, and refuses one for others', async () => {
      const official = await createStaff('official', { divisionScope: '410200' });
      const session = await logIn(official.username, official.password);
      const changed = await adminPost(`/v1/users/${official.id}/scope`, {
        divisionScope: '440100',
      }).expect(200);
      expect(changed.body).toMatchObject({ divisionScope: '440100' });
      expect(claims(session.accessToken).scp).toBe('410200');
      const next = (await refresh(session.refreshToken).expect(200)).body as Session;
      expect(claims(next.accessToken).scp).toBe('440100');
      await adminPost(`/v1/users/${official.id}/scope`, { divisionScope: null }).expect(200);
      const nationwide = (await refresh(next.refreshToken).expect(200)).body as Session;
      expect(claims(nationwide.accessToken).scp).toBeNull();
      const entries = (await auditOf(official.id)).filter((e) => e.action === 'user.scope-changed');
      expect(entries.map((e) => e.details)).toEqual([
        { from: '410200', to: '440100' },
        { from: '440100', to: null },
      ]);

      const officer = await createStaff('officer');
      expect(
        codeOf(
          await adminPost(`/v1/users/${officer.id}/scope`, { divisionScope: '410200' }).expect(400),
        ),
      ).toBe('DIVISION_SCOPE_INVALID');
      for (const body of [{}, { divisionScope: '999999' }, { divisionScope: ['410200'] }])
        expect(codeOf(await adminPost(`/v1/users/${official.id}/scope`, body).expect(400))).toBe(
          'DIVISION_SCOPE_INVALID',
        );
    });

    it('answers 404 for ids that are not users, malformed ones included', async () => {
      for (const id of [
        randomUUID(),
        'not-a-uuid',
        '1',
        `${randomUUID()}x`,
        "'; DROP TABLE users; --",
      ]) {
        for (const [action, body] of [
          ['disable', { reason: 'x' }],
          ['enable', {}],
          ['reset-password', { password: 'Reset-password-9' }],
          ['scope', { divisionScope: null }],
        ] as const) {
          const res = await adminPost(`/v1/users/${encodeURIComponent(id)}/${action}`, body);
          expect(res.status).toBe(404);
          expect(codeOf(res)).toBe('USER_NOT_FOUND');
        }
      }
    });

    it('is for the admin alone: 401 without a token, 403 for enterprise, official and officer', async () => {
      const target = await createStaff('officer');
      const enterprise = await registerEnterprise(app);
      const official = await logIn((await createStaff('official')).username, PASSWORD);
      const officer = await logIn((await createStaff('officer')).username, PASSWORD);
      const routes: [string, string, object][] = [
        ['get', '/v1/users', {}],
        ['post', '/v1/users', { username: 'sneaky-one', password: PASSWORD, role: 'admin' }],
        ['post', `/v1/users/${target.id}/disable`, { reason: 'x' }],
        ['post', `/v1/users/${target.id}/enable`, {}],
        ['post', `/v1/users/${target.id}/reset-password`, { password: 'Reset-password-9' }],
        ['post', `/v1/users/${target.id}/scope`, { divisionScope: null }],
      ];
      for (const [method, path, body] of routes) {
        const call = () =>
          method === 'get' ? http(app).get(path) : http(app).post(path).send(body);
        await call().expect(401);
        for (const token of [enterprise.token, official.accessToken, officer.accessToken]) {
          const res = await call().set(bearer(token)).expect(403);
          expect(codeOf(res)).toBe('FORBIDDEN');
        }
      }
      // Nothing happened to the target.
      await logIn(target.username, PASSWORD);
      expect((await auditOf(target.id)).map((e) => e.action)).toEqual(['user.created']);
    });

    it('leaves no live session behind when a disable races refreshes of the user', async () => {
      for (let round = 0; round < 5; round++) {
        const officer = await createStaff('officer');
        const session = await logIn(officer.username, officer.password);
        const [disabled, refreshed] = await Promise.all([
          adminPost(`/v1/users/${officer.id}/disable`, { reason: 'race' }),
          refresh(session.refreshToken),
        ]);
        expect(disabled.status).toBe(200);
        expect([200, 401]).toContain(refreshed.status);
        const tokens = [session.refreshToken];
        if (refreshed.status === 200) tokens.push((refreshed.body as Session).refreshToken);
        for (const token of tokens) expect((await refresh(token)).status).toBe(401);
        const live = await withPg((c) =>
          c.query(
            `SELECT count(*)::int AS n FROM pass.refresh_tokens
             WHERE user_id = $1 AND ended_at IS NULL AND used_at IS NULL`,
            [officer.id],
          ),
        );
        expect(live.rows[0].n).toBe(0);
      }
    });

    it('leaves one of two admins who disable each other at once enabled', async () => {
      for (let round = 0; round < 3; round++) {
        const other = await createStaff('admin');
        const otherSession = await logIn(other.username, other.password);
        const [mine, theirs] = await Promise.all([
          adminPost(`/v1/users/${other.id}/disable`, { reason: 'race' }),
          adminPost(`/v1/users/${adminId}/disable`, { reason: 'race' }, otherSession.accessToken),
        ]);
        expect([mine.status, theirs.status].sort()).toEqual([200, 401]);
        expect(codeOf(mine.status === 401 ? mine : theirs)).toBe('ACCOUNT_DISABLED');
        // Whoever is left enables the other, so the suite's admin works again.
        if (mine.status === 401)
          await adminPost(`/v1/users/${adminId}/enable`, {}, otherSession.accessToken).expect(200);
        await waitFor(
          async () => (await http(app).get('/v1/users').set(bearer(admin.accessToken))).ok,
          'the suite admin to be enabled',
        );
      }
    });
  });
});
