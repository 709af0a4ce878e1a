import { DataSource, MigrationExecutor, type MixedList, type EntitySchema } from 'typeorm';

export interface ServiceDatabaseOptions {
  url: string;
  /** The service's own Postgres schema; no service reads another's. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity and migration classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName: string;
}

/**
 * The one DataSource factory: the app and the migration command both build from it, so they
 * can never disagree about schema, entities or the migrations table.
 */
export function createServiceDataSource(options: ServiceDatabaseOptions): DataSource {
  assertIdentifier(options.schema);
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'warn'],
    extra: {
      max: options.poolSize ?? 10,
      application_name: options.applicationName,
      // Unqualified SQL (the messaging tables, raw queries) resolves inside the service's schema.
      options: `-c search_path=${options.schema},public`,
      connectionTimeoutMillis: 5000,
    },
  });
}

/**
 * Creates the service's schema if needed, then applies its pending migrations, under a session
 * advisory lock named after the schema: replicas that start together wait here in turn, and each
 * after the first finds nothing pending. Without it they race (two CREATE SCHEMA or CREATE TABLE
 * at once fail, or a migration runs twice). Everything runs on the lock's own connection, so a
 * pool of one connection cannot deadlock.
 */
export async function runServiceMigrations(dataSource: DataSource): Promise<string[]> {
  const schema = (dataSource.options as { schema?: string }).schema;
  const lockName = `${schema ?? 'public'}:migrations`;
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [lockName]);
    try {
      if (schema) await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [lockName]);
    }
  } finally {
    await runner.release();
  }
}

function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Invalid schema name '${name}'`);
}
