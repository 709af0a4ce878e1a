import type { DynamicModule } from '@nestjs/common';
import { ConfigError, type BaseServiceConfig } from '@app/config';
import { ensureDatabase, runServiceMigrations } from '@app/database';
import type { DataSource } from 'typeorm';
import { createServiceApp, type ServiceAppOptions } from './create-service-app';

export interface ServiceDefinition<C extends BaseServiceConfig> {
  loadConfig: () => C;
  appModule: (config: C) => DynamicModule;
  dataSource: (config: C) => DataSource;
  app: ServiceAppOptions;
}

/**
 * A service's main: `node main.js` serves, `node main.js migrate` only migrates. A configuration
 * error stops the process with a message naming each bad variable, before anything connects.
 */
export async function runService<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
): Promise<void> {
  let config: C;
  try {
    config = definition.loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  await ensureDatabase(config.database.url);
  if (process.argv[2] === 'migrate') {
    const dataSource = await definition.dataSource(config).initialize();
    const applied = await runServiceMigrations(dataSource);
    await dataSource.destroy();
    process.stdout.write(
      `${config.serviceName}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}\n`,
    );
    return;
  }
  const app = await createServiceApp(definition.appModule(config), {
    ...definition.app,
    corsOrigins: config.http.corsOrigins,
    trustedProxies: config.http.trustedProxies,
    pageConnectOrigins: config.http.pageConnectOrigins,
  });
  await app.listen(config.http.port, config.http.host);
}
