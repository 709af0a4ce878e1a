import { randomUUID } from 'node:crypto';
import { withPg } from '../../../test/support/test-env';
import { CHECKPOINTS, VerifyHarness } from './verify-harness';

interface AuditPage {
  items: {
    id: string;
    at: string;
    actor: { id: string | null; name: string; role: string };
    action: string;
    target: { type: string; id: string };
    divisionCode: string | null;
    reason: string | null;
    details: Record<string, unknown> | null;
    requestId: string | null;
  }[];
  nextCursor: string | null;
}

/** The harness adds the Kaifeng, Zhengzhou and Guangzhou checkpoints, in that order. */
describe('verify-service: checkpoint.created in GET /v1/audit', () => {
  const harness = new VerifyHarness();
  const adminId = randomUUID();
  const admin = () => harness.identity.token('admin', { userId: adminId, username: 'admin-1' });
  const official = (divisionScope: string | null) =>
    harness.identity.token('official', { divisionScope });
  const audit = async (token: string, query = ''): Promise<AuditPage> =>
    (await harness.get(`/v1/audit${query}`, token).expect(200)).body as AuditPage;
  const targets = (page: AuditPage) => page.items.map((item) => item.target.id);

  beforeAll(() => harness.setUp());
  afterAll(() => harness.tearDown());

  it('records who created a checkpoint, where, and in which request', async () => {
    const res = await harness
      .post(
        '/v1/checkpoints',
        { code: 'CP-LK-01', name: '兰考 检查站', divisionCode: '410225' },
        admin(),
      )
      .expect(201);
    const [entry] = (await audit(admin(), '?targetId=CP-LK-01')).items;
    expect(entry).toEqual({
      id: expect.stringMatching(/^\d+$/),
      at: expect.any(String),
      actor: { id: adminId, name: 'admin-1', role: 'admin' },
      action: 'checkpoint.created',
      target: { type: 'checkpoint', id: 'CP-LK-01' },
      divisionCode: '410225',
      reason: null,
      details: { name: '兰考 检查站' },
      requestId: res.headers['x-request-id'],
    });
  });

  it('writes nothing when the checkpoint is refused', async () => {
    await harness
      .post('/v1/checkpoints', { ...CHECKPOINTS.kaifeng, name: '重复' }, admin())
      .expect(409);
    await harness
      .post('/v1/checkpoints', { code: 'CP-BAD', name: 'x', divisionCode: '999999' }, admin())
      .expect(400);
    const page = await audit(admin(), '?action=checkpoint.created');
    expect(targets(page)).toEqual([
      'CP-LK-01',
      CHECKPOINTS.guangzhou.code,
      CHECKPOINTS.zhengzhou.code,
      CHECKPOINTS.kaifeng.code,
    ]);
  });

  it('shows an official only the checkpoints of their jurisdiction', async () => {
    expect(targets(await audit(official('410200')))).toEqual([
      'CP-LK-01',
      CHECKPOINTS.kaifeng.code,
    ]);
    expect(targets(await audit(official('410000')))).toEqual([
      'CP-LK-01',
      CHECKPOINTS.zhengzhou.code,
      CHECKPOINTS.kaifeng.code,
    ]);
    expect(targets(await audit(official('440106')))).toEqual([CHECKPOINTS.guangzhou.code]);
    expect(targets(await audit(official('110000')))).toEqual([]);
    expect(targets(await audit(official(null)))).toHaveLength(4);
    // A filter never reaches past the scope.
    expect(
      targets(await audit(official('410200'), `?targetId=${CHECKPOINTS.guangzhou.code}`)),
    ).toEqual([]);
  });

  it('pages newest first with a cursor', async () => {
    const first = await audit(admin(), '?limit=3');
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toBe(first.items[2].id);
    const second = await audit(admin(), `?limit=3&cursor=${first.nextCursor}`);
    expect(targets(second)).toEqual([CHECKPOINTS.kaifeng.code]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses other roles, strangers and an unknown scope', async () => {
    for (const token of [harness.officer(), harness.identity.token('enterprise')]) {
      const res = await harness.get('/v1/audit', token).expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    }
    await harness.get('/v1/audit', null).expect(401);
    const unknown = await harness.get('/v1/audit', official('419999')).expect(403);
    expect(unknown.body).toMatchObject({ code: 'SCOPE_UNKNOWN' });
  });

  it.each([
    ['?action=checkpoint.deleted', 'ACTION_INVALID'],
    ['?limit=0', 'LIMIT_INVALID'],
    ['?cursor=abc', 'CURSOR_INVALID'],
    ['?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z', 'RANGE_INVALID'],
    ['?from=0000-01-01T00:00:00Z', 'DATE_INVALID'],
    ['?targetId=%E2%80%AEevil', 'TEXT_INVALID'],
    ['?divisionCode=410200', 'UNKNOWN_FIELD'],
    ['?action=checkpoint.created&action=checkpoint.created', 'ACTION_INVALID'],
  ])('answers %s with 400 %s', async (query, code) => {
    const res = await harness.get(`/v1/audit${query}`, admin()).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code });
  });

  it('keeps the entries append-only in verify-service’s own schema', async () => {
    const refused = await withPg((c) =>
      c.query('DELETE FROM verify.audit_log').then(
        () => 'deleted',
        (error: { code?: string }) => error.code,
      ),
    );
    expect(refused).toBe('42501');
    expect((await audit(admin())).items).toHaveLength(4);
  });
});
