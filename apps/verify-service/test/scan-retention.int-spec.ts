import { randomUUID } from 'node:crypto';
import { Topic } from '@app/contracts';
import { runServiceMigrations } from '@app/database';
import type { DataSource } from 'typeorm';
import { loadVerifyServiceConfig } from '../src/config/verify-service.config';
import { buildVerifyServiceDataSource } from '../src/database/verify-service.data-source';
import { ScanRetention } from '../src/retention/scan-retention';
import { dropSchema, testEnv, uniqueName } from '../../../test/support/test-env';

const DAY_MS = 86_400_000;
/** The clock the rounds run at: well after the real one, so no real scan is ever this old. */
const NOW = new Date('2031-03-01T00:00:00.000Z');
const daysBefore = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY_MS + ms);

/**
 * ScanRetention on verify-service's real tables in a schema of its own, with no outbox relay
 * running: what waits in the outbox stays there until the test says it was published.
 */
describe('scan retention (real PostgreSQL)', () => {
  const schema = uniqueName('verify_retention');
  const base = loadVerifyServiceConfig({
    DATABASE_URL: testEnv.databaseUrl,
    KAFKA_BROKERS: testEnv.kafkaBrokers.join(','),
  });
  const config = { ...base, database: { ...base.database, schema, poolSize: 4 } };
  const replicas: DataSource[] = [];
  const retention = (batchRows: number, dataSource = replicas[0]) =>
    new ScanRetention(dataSource, {
      scanRetention: { retentionDays: 180, intervalMs: 3_600_000, batchRows },
    });
  const db = () => replicas[0];

  /** Inserts scans checked at `at` at a checkpoint of their own; returns their ids. */
  async function scans(checkpoint: string, at: Date, count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => randomUUID());
    await db().query(
      `INSERT INTO scans (id, checkpoint_code, officer_user_id, officer_username, direction,
         verdict, reason, pass_number, plate, clone_suspected, leeway_seconds, checked_at)
       SELECT id, $2, $3, 'officer-1', 'entry', 'accepted', NULL, '410205000001', '豫B12345',
         false, 0, $4
       FROM unnest($1::uuid[]) AS id`,
      [ids, checkpoint, randomUUID(), at],
    );
    return ids;
  }
  async function checkpoint(): Promise<string> {
    const code = `RT-${randomUUID().slice(0, 8)}`;
    await db().query(
      `INSERT INTO checkpoints (code, name, division_code) VALUES ($1, '保留测试', '410205')`,
      [code],
    );
    return code;
  }
  /** checkpoint.scanned for a scan, written when the scan was (the same statement in real life). */
  async function pendingEvent(scanId: string, at: Date, topic: string = Topic.Checkpoint) {
    const eventId = randomUUID();
    await db().query(
      `INSERT INTO outbox (event_id, topic, key, payload, created_at) VALUES ($1, $2, $3, $4, $5)`,
      [eventId, topic, '410205000001', JSON.stringify({ id: eventId, data: { scanId } }), at],
    );
    return eventId;
  }
  const remaining = async (code: string): Promise<string[]> =>
    (
      await db().query<{ id: string }[]>(
        'SELECT id FROM scans WHERE checkpoint_code = $1 ORDER BY id',
        [code],
      )
    ).map((row) => row.id);

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const dataSource = buildVerifyServiceDataSource(config);
      await dataSource.initialize();
      replicas.push(dataSource);
    }
    await runServiceMigrations(db());
  });

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.destroy()));
    await dropSchema(schema);
  });

  it('deletes every scan past retention in batches of the configured size, and no newer one', async () => {
    const code = await checkpoint();
    await scans(code, daysBefore(400), 9);
    await scans(code, daysBefore(181), 14);
    const atCutoff = await scans(code, daysBefore(180), 1);
    const justInside = await scans(code, daysBefore(180, 1), 1);
    const recent = await scans(code, daysBefore(1), 5);

    // 23 due, 7 a batch: the round needs four batches (7, 7, 7, 2) to finish.
    const result = await retention(7).prune(NOW);

    expect(result).toEqual({ cutoff: daysBefore(180), deleted: 23, yielded: false });
    expect(await remaining(code)).toEqual([...atCutoff, ...justInside, ...recent].sort());
    expect(await retention(7).prune(NOW)).toMatchObject({ deleted: 0, yielded: false });
  });

  it('keeps a scan whose event is not yet published, until it is', async () => {
    const code = await checkpoint();
    const [waiting, published] = await scans(code, daysBefore(200), 2);
    const eventId = await pendingEvent(waiting, daysBefore(200));
    // An event of another topic naming the scan does not hold it back.
    await pendingEvent(published, daysBefore(200), Topic.Pass);

    expect(await retention(10).prune(NOW)).toMatchObject({ deleted: 1 });
    expect(await remaining(code)).toEqual([waiting]);

    await db().query('DELETE FROM outbox WHERE event_id = $1', [eventId]); // the relay's delete
    expect(await retention(10).prune(NOW)).toMatchObject({ deleted: 1 });
    expect(await remaining(code)).toEqual([]);
  });

  it('lets two replicas prune at once without errors, each scan deleted once', async () => {
    const code = await checkpoint();
    await scans(code, daysBefore(300), 60);
    const recent = await scans(code, daysBefore(10), 3);

    const results = await Promise.all(replicas.map((r) => retention(5, r).prune(NOW)));

    expect(results.reduce((sum, r) => sum + r.deleted, 0)).toBe(60);
    expect(await remaining(code)).toEqual([...recent].sort());
  });

  it('does nothing while another transaction holds the turn', async () => {
    const code = await checkpoint();
    await scans(code, daysBefore(300), 3);
    const runner = replicas[1].createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `${schema}:scan-retention`,
      ]);
      expect(await retention(5).prune(NOW)).toMatchObject({ deleted: 0, yielded: true });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await retention(5).prune(NOW)).toMatchObject({ deleted: 3, yielded: false });
    expect(await remaining(code)).toEqual([]);
  });
});
