import 'reflect-metadata';
import { contractProblems, describeApiOffline } from '@app/platform';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { passServiceDefinition } from '../apps/pass-service/src/service-definition';
import { reportingServiceDefinition } from '../apps/reporting-service/src/service-definition';
import { verifyServiceDefinition } from '../apps/verify-service/src/service-definition';

/** Configuration does not change the contract; the pass-service needs its secret to load. */
const env = { KEY_ENCRYPTION_SECRET: 'contract-test-secret-0123456789' };

const services = {
  'pass-service': passServiceDefinition,
  'verify-service': verifyServiceDefinition,
  'reporting-service': reportingServiceDefinition,
} as const;

describe.each(Object.entries(services))('the published contract of %s', (service, definition) => {
  let described: Awaited<ReturnType<typeof describeApiOffline>>;

  beforeAll(async () => {
    const config = definition.loadConfig(env);
    described = await describeApiOffline(definition.appModule(config as never), definition.app);
  });

  it('gives every operation a summary, its request schemas, its answers and its error codes', () => {
    const operations = Object.values(described.document.paths).flatMap((item) => Object.keys(item));
    expect(operations.length).toBeGreaterThan(3);
    const takes = (operationId: string) =>
      described.inputs.get(operationId) ?? { body: false, query: false };
    expect(contractProblems(described.document, takes)).toEqual([]);
  });

  it('is the description committed in docs/api, which the tools’ client is generated from', () => {
    const file = path.join(__dirname, '..', 'docs', 'api', `${service}.openapi.json`);
    const committed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    // On a difference: `npm run openapi` writes the files and the client types again.
    expect(JSON.parse(JSON.stringify(described.document))).toEqual(committed);
  });
});
