import { randomUUID } from 'node:crypto';
import { createServiceDataSource, runServiceMigrations } from '@app/database';
import type { DataSource } from 'typeorm';
import {
  AuditLog1796428800000,
  AuditLogReader,
  AuditTrail,
  type AuditEntry,
  type AuditFilter,
  type AuditVisibility,
} from '@app/audit';
import { dropSchema, testEnv, uniqueName } from '../../../test/support/test-env';

/** The audit trail on real PostgreSQL: its trigger, and the reads GET /v1/audit makes. */
describe('audit_log (real PostgreSQL)', () => {
  const schema = uniqueName('audit_log');
  let dataSource: DataSource;
  const trail = new AuditTrail();
  let reader: AuditLogReader;

  const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
    actor: { id: randomUUID(), name: 'official-1', role: 'official' },
    action: 'pass.approved',
    target: { type: 'pass', id: randomUUID() },
    divisionCode: '410202',
    reason: null,
    details: { passNumber: '410202000001' },
    ...over,
  });
  const record = (...entries: AuditEntry[]) =>
    dataSource.transaction((manager) => trail.record(manager, ...entries));
  const pgError = (error: unknown) => error as { code?: string; message: string };

  beforeAll(async () => {
    dataSource = createServiceDataSource({
      url: testEnv.databaseUrl,
      schema,
      entities: [],
      migrations: [AuditLog1796428800000],
      poolSize: 2,
      applicationName: 'audit-log-test',
    });
    // The refusals below are expected: TypeORM would log each as a failed query.
    dataSource.setOptions({ logging: false });
    await dataSource.initialize();
    await runServiceMigrations(dataSource);
    reader = new AuditLogReader(dataSource);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await dropSchema(schema);
  });

  describe('is append-only in the database itself', () => {
    let id: string;
    const original = entry({ reason: 'the original reason' });

    beforeAll(async () => {
      await record(original);
      const [row] = await dataSource.query<{ id: string }[]>(
        'SELECT id::text AS id FROM audit_log WHERE target_id = $1',
        [original.target.id],
      );
      id = row.id;
    });

    // The suite connects as a superuser: the trigger refuses even a role that bypasses grants.
    it.each([
      [
        'UPDATE',
        () => dataSource.query(`UPDATE audit_log SET reason = 'rewritten' WHERE id = $1`, [id]),
      ],
      ['DELETE', () => dataSource.query('DELETE FROM audit_log WHERE id = $1', [id])],
      ['DELETE', () => dataSource.query('DELETE FROM audit_log')],
      ['TRUNCATE', () => dataSource.query('TRUNCATE audit_log')],
      ['TRUNCATE', () => dataSource.query('TRUNCATE audit_log RESTART IDENTITY CASCADE')],
    ])('refuses %s', async (operation, change) => {
      const error = await change().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeDefined();
      expect(pgError(error).code).toBe('42501'); // insufficient_privilege
      expect(pgError(error).message).toBe(`audit_log is append-only: ${operation} refused`);
      const rows = await dataSource.query<{ reason: string }[]>(
        'SELECT reason FROM audit_log WHERE id = $1',
        [id],
      );
      expect(rows).toEqual([{ reason: 'the original reason' }]);
    });

    it('refuses an UPDATE inside a transaction, which then rolls back whole', async () => {
      const otherTarget = randomUUID();
      const error = await dataSource
        .transaction(async (manager) => {
          await trail.record(manager, entry({ target: { type: 'pass', id: otherTarget } }));
          await manager.query(`UPDATE audit_log SET action = 'pass.rejected' WHERE id = $1`, [id]);
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(pgError(error).code).toBe('42501');
      const rows = await dataSource.query('SELECT 1 FROM audit_log WHERE target_id = $1', [
        otherTarget,
      ]);
      expect(rows).toEqual([]);
    });

    it('records entries with no request id outside an HTTP request', async () => {
      const rows = await dataSource.query<{ request_id: string | null; details: unknown }[]>(
        'SELECT request_id, details FROM audit_log WHERE id = $1',
        [id],
      );
      expect(rows).toEqual([{ request_id: null, details: { passNumber: '410202000001' } }]);
    });
  });

  describe('reads newest first, by jurisdiction, with filters', () => {
    const run = randomUUID();
    const actor = { id: randomUUID(), name: 'admin', role: 'admin' };
    const targets = {
      kaifeng: entry({ divisionCode: '410202', details: { run } }),
      zhengzhou: entry({ divisionCode: '410102', details: { run } }),
      guangzhou: entry({ divisionCode: '440106', details: { run } }),
      nationwide: entry({
        actor,
        action: 'signing-key.rotated',
        target: { type: 'signing-key', id: `kid-${run}` },
        divisionCode: null,
        details: { run },
      }),
    };
    // Only this block's entries: other blocks share the table.
    const mine = async (visibility: AuditVisibility, filter: Partial<AuditFilter> = {}) =>
      (await reader.find({ limit: 200, ...filter }, visibility))
        .filter((view) => view.details?.run === run)
        .map((view) => view.divisionCode);

    beforeAll(async () => {
      // One transaction each, in this order: ids grow with it.
      for (const e of Object.values(targets)) await record(e);
    });

    it('shows the admin every entry, those without a division included', async () => {
      expect(await mine({ all: true })).toEqual([null, '440106', '410102', '410202']);
    });

    it('shows a nationwide official every entry that has a division, none without', async () => {
      expect(await mine({ all: false, prefix: null })).toEqual(['440106', '410102', '410202']);
    });

    it('shows a provincial or city official only the divisions inside the scope', async () => {
      expect(await mine({ all: false, prefix: '41' })).toEqual(['410102', '410202']);
      expect(await mine({ all: false, prefix: '4102' })).toEqual(['410202']);
      expect(await mine({ all: false, prefix: '410202' })).toEqual(['410202']);
      expect(await mine({ all: false, prefix: '44' })).toEqual(['440106']);
      expect(await mine({ all: false, prefix: '11' })).toEqual([]);
    });

    it('filters by action, target, actor and time', async () => {
      expect(await mine({ all: true }, { action: 'signing-key.rotated' })).toEqual([null]);
      expect(
        await mine({ all: true }, { targetType: 'pass', targetId: targets.zhengzhou.target.id }),
      ).toEqual(['410102']);
      expect(await mine({ all: true }, { actorId: actor.id })).toEqual([null]);
      // An official never reaches an entry outside the scope through a filter.
      expect(
        await mine({ all: false, prefix: '4102' }, { targetId: targets.guangzhou.target.id }),
      ).toEqual([]);
      const [newest] = await reader.find({ limit: 1 }, { all: true });
      const at = new Date(newest.at);
      expect(await mine({ all: true }, { from: new Date(at.getTime() + 1) })).toEqual([]);
      expect(await mine({ all: true }, { to: new Date(at.getTime() + 1) })).toHaveLength(4);
      expect(await mine({ all: true }, { to: new Date('2000-01-01T00:00:00Z') })).toEqual([]);
    });

    it('pages by id without gaps or repeats, in numeric order past 9 and 99', async () => {
      // Enough rows that ids pass a power of ten: ordered as text, "9" would come before "19".
      for (let i = 0; i < 100; i++) await record(entry({ details: { run } }));
      const seen: string[] = [];
      let beforeId: string | undefined;
      for (;;) {
        const page = await reader.find({ limit: 2, beforeId }, { all: true });
        if (page.length === 0) break;
        seen.push(...page.map((view) => view.id));
        beforeId = page[page.length - 1].id;
      }
      const all = (await reader.find({ limit: 200 }, { all: true })).map((view) => view.id);
      expect(seen).toEqual(all);
      expect(all.map(Number)).toEqual([...all.map(Number)].sort((a, b) => b - a));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a));
    });
  });
});
