import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPassServiceConfig } from '../apps/pass-service/src/config/pass-service.config';
import { loadReportingServiceConfig } from '../apps/reporting-service/src/config/reporting-service.config';
import { loadVerifyServiceConfig } from '../apps/verify-service/src/config/verify-service.config';
import { repoRoot } from './support/test-env';

/**
 * .env.example lists every variable the services read: `NAME=value` is the default, `# NAME=value`
 * an example of one that is unset by default. The loaders are the truth: which names they read
 * (recorded through a Proxy), and what they make of an environment with and without the file's
 * defaults.
 */
type Env = Record<string, string | undefined>;
const LOADERS: Record<string, (env: Env) => unknown> = {
  'pass-service': loadPassServiceConfig,
  'verify-service': loadVerifyServiceConfig,
  'reporting-service': loadReportingServiceConfig,
};
// What a service cannot start without; the file shows it commented out, as an example.
const REQUIRED: Env = { KEY_ENCRYPTION_SECRET: 'env-example-check-secret' };

const lines = readFileSync(path.join(repoRoot, '.env.example'), 'utf8').split('\n');
const entries = lines
  .map((line) => /^(# )?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line))
  .filter((m): m is RegExpExecArray => m !== null)
  .map(([, commented, name, value]) => ({ name, value, isDefault: !commented }));
const defaults: Env = Object.fromEntries(
  entries.filter((e) => e.isDefault).map((e) => [e.name, e.value]),
);
const examples: Env = Object.fromEntries(
  entries.filter((e) => !e.isDefault).map((e) => [e.name, e.value]),
);

/** The variable names a loader reads. */
function namesReadBy(load: (env: Env) => unknown): Set<string> {
  const read = new Set<string>();
  const env = new Proxy<Env>(
    { ...REQUIRED },
    {
      get(target, name) {
        if (typeof name === 'string') read.add(name);
        return target[name as string];
      },
    },
  );
  load(env);
  return read;
}

const readByService = Object.fromEntries(
  Object.entries(LOADERS).map(([service, load]) => [service, namesReadBy(load)]),
);

describe('.env.example', () => {
  it('names each variable once', () => {
    const names = entries.map((e) => e.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it('lists every variable a service reads, and none that no service reads', () => {
    const read = new Set(Object.values(readByService).flatMap((names) => [...names]));
    const listed = new Set(entries.map((e) => e.name));
    expect([...read].filter((name) => !listed.has(name)).sort()).toEqual([]);
    expect([...listed].filter((name) => !read.has(name)).sort()).toEqual([]);
  });

  it.each(Object.keys(LOADERS))('%s: each NAME=value line is that service’s default', (service) => {
    const load = LOADERS[service];
    const own = Object.fromEntries(
      Object.entries(defaults).filter(([name]) => readByService[service].has(name)),
    );
    expect(load({ ...REQUIRED, ...own })).toEqual(load({ ...REQUIRED }));
  });

  it.each(Object.keys(LOADERS))(
    '%s: starts with the file as it is, examples included',
    (service) => {
      expect(() => LOADERS[service]({ ...defaults, ...examples })).not.toThrow();
    },
  );
});
