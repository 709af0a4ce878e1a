import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load, YAML11_SCHEMA } from 'js-yaml';
import { loadPassServiceConfig } from '../apps/pass-service/src/config/pass-service.config';
import { loadReportingServiceConfig } from '../apps/reporting-service/src/config/reporting-service.config';
import { loadVerifyServiceConfig } from '../apps/verify-service/src/config/verify-service.config';
import { repoRoot } from './support/test-env';

/**
 * docker-compose.yml cannot be started here (no container engine), so this checks what would
 * break it on a machine that has one: each service's environment, once the host's variables
 * are put in, passes that service's own config validation; ports, build arguments and health
 * dependencies agree; secrets come from the host, not from the file.
 */
interface ComposeService {
  build?: { context: string; args: Record<string, string | number> };
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
}
type Compose = { services: Record<string, ComposeService> };

// YAML 1.1, as Compose reads it: the file's `<<:` merge keys are part of that version.
const compose = load(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), {
  schema: YAML11_SCHEMA,
}) as Compose;
const dockerfile = readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');

const HOST_ENV: Record<string, string> = {
  KEY_ENCRYPTION_SECRET: 'compose-check-secret-0123456789',
  ADMIN_PASSWORD: 'compose-check-password',
};

/** Compose's `${VAR}`, `${VAR:-default}` and `${VAR:?message}` forms. */
function interpolate(value: string, host: Record<string, string>): string {
  return value.replace(
    /\$\{(\w+)(?::([-?])([^}]*))?\}/g,
    (_, name: string, form: string | undefined, rest: string) => {
      const given = host[name];
      if (given !== undefined && given !== '') return given;
      if (form === '?') throw new Error(`${name}: ${rest}`);
      return form === '-' ? rest : '';
    },
  );
}

function environmentOf(name: string, host = HOST_ENV): Record<string, string> {
  const env = compose.services[name].environment ?? {};
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, interpolate(String(value), host)]),
  );
}

const LOADERS = {
  'pass-service': loadPassServiceConfig,
  'verify-service': loadVerifyServiceConfig,
  'reporting-service': loadReportingServiceConfig,
} as const;

describe('docker-compose.yml', () => {
  it.each(Object.keys(LOADERS) as (keyof typeof LOADERS)[])(
    '%s: its environment passes the service’s config validation, on its own port',
    (name) => {
      const env = environmentOf(name);
      const config = LOADERS[name](env);
      expect(config.http.port).toBe(Number(env.PORT));
      expect(config.database.url).toMatch(/@postgres:5432\//);
      expect(config.kafka.brokers).toEqual(['kafka:9092']);

      const service = compose.services[name];
      expect(service.build?.args).toEqual({ SERVICE: name, PORT: Number(env.PORT) });
      expect(service.ports).toEqual([`127.0.0.1:${env.PORT}:${env.PORT}`]);
    },
  );

  it('takes the secrets from the host and refuses to start without them', () => {
    const text = readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8');
    expect(text).not.toContain(HOST_ENV.KEY_ENCRYPTION_SECRET);
    expect(() => environmentOf('pass-service', { ADMIN_PASSWORD: 'x' })).toThrow(
      /KEY_ENCRYPTION_SECRET: set KEY_ENCRYPTION_SECRET/,
    );
    expect(() => environmentOf('pass-service', { KEY_ENCRYPTION_SECRET: 'x'.repeat(20) })).toThrow(
      /ADMIN_PASSWORD/,
    );
  });

  it('waits only on services that report their health', () => {
    const imageHasHealthcheck = /^HEALTHCHECK /m.test(dockerfile);
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect({ name, dependency, known: dependency in compose.services }).toEqual({
          name,
          dependency,
          known: true,
        });
        if (condition !== 'service_healthy') continue;
        const target = compose.services[dependency];
        const reportsHealth = target.healthcheck !== undefined || target.build !== undefined;
        expect({ dependency, reportsHealth }).toEqual({ dependency, reportsHealth: true });
      }
    }
    expect(imageHasHealthcheck).toBe(true);
  });

  it('builds each service from the one Dockerfile by its SERVICE argument', () => {
    expect(dockerfile).toMatch(/^ARG SERVICE=/m);
    expect(dockerfile).toContain('dist/apps/${SERVICE}/src/main.js');
  });
});
