// `npm run migrate`: applies each service's pending migrations to its own schema.
import path from 'node:path';
import { installAndBuild } from './lib/install.mjs';
import { resolvePostgres } from './lib/postgres.mjs';
import { root, runOrFail } from './lib/process.mjs';

installAndBuild();
const database = await resolvePostgres({ databaseName: 'epass' });
try {
  for (const service of ['pass-service', 'verify-service', 'reporting-service']) {
    runOrFail(process.execPath, [path.join(root, 'dist/apps', service, 'src/main.js'), 'migrate'], {
      env: { ...process.env, DATABASE_URL: database.url },
    });
  }
} finally {
  await database.stop();
}
