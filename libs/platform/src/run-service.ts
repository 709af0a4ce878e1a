import type { DynamicModule } from '@nestjs/common';
import { ConfigError, type BaseServiceConfig } from '@app/config';
import { ensureDatabase, runServiceMigrations } from '@app/database';
import type { DataSource } from 'typeorm';
import { createServiceApp, type ServiceAppOptions } from './create-service-app';
import { describeApiOffline } from './openapi/api-document-offline';

export interface ServiceDefinition<C extends BaseServiceConfig> {
  /** Reads the configuration from the given environment, or the process's own by default. */
  loadConfig: (env?: Record<string, string | undefined>) => C;
  appModule: (config: C) => DynamicModule;
  dataSource: (config: C) => DataSource;
  app: ServiceAppOptions;
}

/**
 * A service's main: `node main.js` serves, `node main.js migrate` only migrates, `node main.js
 * openapi` prints the service's OpenAPI description (it connects to nothing). A configuration
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
  if (process.argv[2] === 'openapi') {
    const { document } = await describeApiOffline(definition.appModule(config), definition.app);
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return;
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
