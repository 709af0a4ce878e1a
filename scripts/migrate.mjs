// @ts-check
// `npm run migrate`: applies each service's pending migrations to its own schema.
import { installAndBuild } from './lib/install.mjs';
import { resolvePostgres } from './lib/postgres.mjs';
import { runOrFail } from './lib/process.mjs';
import { localSecrets } from './lib/secrets.mjs';
import { mainOf, SERVICE_NAMES } from './lib/stack.mjs';

installAndBuild();
const database = await resolvePostgres({ databaseName: 'epass' });
try {
  for (const service of SERVICE_NAMES) {
    // Each service checks its whole configuration at boot, secrets included, even to migrate.
    runOrFail(process.execPath, [mainOf(service), 'migrate'], {
      env: { ...localSecrets(), ...process.env, DATABASE_URL: database.url },
    });
  }
} finally {
  await database.stop();
}
