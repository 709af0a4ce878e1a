export {
  createServiceDataSource,
  runServiceMigrations,
  type ServiceDatabaseOptions,
} from './service-data-source';
export { ensureDatabase } from './ensure-database';
export { DatabaseModule, DatabaseHealth, type DatabaseModuleOptions } from './database.module';
export { isDatabaseUnavailable } from './database-unavailable';
export { settleInHalves, type Settled } from './settle-in-halves';
export {
  bool,
  instant,
  integer,
  integerText,
  nullableInstant,
  nullableInteger,
  nullableNumber,
  nullableOneOf,
  nullableText,
  oneOf,
  rowMismatch,
  text,
  textArray,
  type Row,
} from './row-readers';
