// @ts-check
// `npm run openapi`: writes each service's OpenAPI description (generated from the zod schemas
// that validate, see libs/platform/src/openapi) to docs/api/<service>.openapi.json, and the
// TypeScript types of the tools' client (tools/shared/api/<service>.ts) from them. The contract
// test (test/api-contract.spec.ts) fails while the committed files differ from the code.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { log, root, runOrFail } from './lib/process.mjs';

const SERVICES = ['pass-service', 'verify-service', 'reporting-service'];

runOrFail('npx', ['tsc', '-p', 'tsconfig.build.json']);
runOrFail('npx', ['tsc-alias', '-p', 'tsconfig.build.json']);
mkdirSync(path.join(root, 'docs', 'api'), { recursive: true });
mkdirSync(path.join(root, 'tools', 'shared', 'api'), { recursive: true });

for (const service of SERVICES) {
  const main = path.join(root, 'dist', 'apps', service, 'src', 'main.js');
  // The description does not depend on configuration; pass-service only needs a secret to load.
  const env = { ...process.env, KEY_ENCRYPTION_SECRET: 'openapi-export-only-0123456789' };
  const result = spawnSync(process.execPath, [main, 'openapi'], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${service} openapi failed:\n${result.stderr}`);
  const file = path.join(root, 'docs', 'api', `${service}.openapi.json`);
  writeFileSync(file, result.stdout);
  const types = path.join(root, 'tools', 'shared', 'api', `${service}.ts`);
  runOrFail('npx', ['openapi-typescript', file, '--output', types, '--root-types']);
  log(`openapi: ${path.relative(root, file)} and ${path.relative(root, types)}`);
}
