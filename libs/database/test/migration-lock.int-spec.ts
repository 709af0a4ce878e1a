import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createServiceDataSource, runServiceMigrations } from '@app/database';
import { dropSchema, testEnv, uniqueName, waitFor, withPg } from '../../../test/support/test-env';

/**
 * Three replicas of one service start together on a fresh schema. Each migration records that it
 * ran in a table without a unique constraint, so a second application shows as a second row; the
 * first one holds its transaction open until the two other replicas are seen waiting for the lock,
 * so without a lock they would overlap (it gives up waiting after a while, and they then do).
 */
class CreateLedger1700000000001 implements MigrationInterface {
  name = 'CreateLedger1700000000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE ledger (migration text NOT NULL)');
    await queryRunner.query(`INSERT INTO ledger VALUES ('${this.name}')`);
    const othersWaiting = async () => {
      const rows = (await queryRunner.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE application_name LIKE 'migration-lock-%' AND wait_event = 'advisory'`,
      )) as { n: number }[];
      return rows[0].n === 2;
    };
    await waitFor(othersWaiting, 'the other replicas to wait for the lock', 10_000, 20).catch(
      () => undefined,
    );
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE ledger');
  }
}

class AddToLedger1700000000002 implements MigrationInterface {
  name = 'AddToLedger1700000000002';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`INSERT INTO ledger VALUES ('${this.name}')`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM ledger WHERE migration = '${this.name}'`);
  }
}

describe('runServiceMigrations under an advisory lock (real PostgreSQL)', () => {
  const schema = uniqueName('migration_lock');
  // A pool of one: the lock, the schema and the migrations must share the one connection.
  const replicas = [1, 2, 3].map((n) =>
    createServiceDataSource({
      url: testEnv.databaseUrl,
      schema,
      entities: [],
      migrations: [CreateLedger1700000000001, AddToLedger1700000000002],
      poolSize: 1,
      applicationName: `migration-lock-${n}`,
    }),
  );

  beforeAll(async () => {
    await Promise.all(replicas.map((r) => r.initialize()));
  });

  afterAll(async () => {
    await Promise.all(replicas.filter((r) => r.isInitialized).map((r) => r.destroy()));
    await dropSchema(schema);
  });

  it('three replicas started together create the schema and apply each migration once', async () => {
    const results = await Promise.allSettled(replicas.map((r) => runServiceMigrations(r)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const applied = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    expect(applied.sort()).toEqual(['AddToLedger1700000000002', 'CreateLedger1700000000001']);

    const { ledger, recorded } = await withPg(async (client) => ({
      ledger: (await client.query(`SELECT migration FROM "${schema}".ledger ORDER BY 1`)).rows,
      recorded: (await client.query(`SELECT name FROM "${schema}".migrations ORDER BY 1`)).rows,
    }));
    expect(ledger).toEqual([
      { migration: 'AddToLedger1700000000002' },
      { migration: 'CreateLedger1700000000001' },
    ]);
    expect(recorded).toEqual([
      { name: 'AddToLedger1700000000002' },
      { name: 'CreateLedger1700000000001' },
    ]);
  });

  it('releases the lock: a replica started later finds nothing pending and can still query', async () => {
    await expect(runServiceMigrations(replicas[0])).resolves.toEqual([]);
    const held = await withPg(
      async (client) =>
        (
          await client.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
             WHERE l.locktype = 'advisory' AND a.application_name LIKE 'migration-lock-%'`,
          )
        ).rows[0].n,
    );
    expect(held).toBe(0);
    await expect(replicas[1].query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });
});
