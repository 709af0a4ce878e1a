import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  healthcheck?: { test: string[] | string };
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

  it('lets the pages call pass-service where the browser reaches it, not by its container name', () => {
    for (const name of ['verify-service', 'reporting-service'] as const) {
      const config = LOADERS[name](environmentOf(name));
      expect(config.passServiceUrl).toBe('http://pass-service:3001');
      expect(config.http.pageConnectOrigins).toEqual(
        expect.arrayContaining(['http://127.0.0.1:3001', 'http://localhost:3001']),
      );
    }
  });

  it('takes the metrics token from the host, and leaves /metrics off without one', () => {
    const token = 'compose-check-metrics-token';
    for (const name of Object.keys(LOADERS) as (keyof typeof LOADERS)[]) {
      expect(LOADERS[name](environmentOf(name)).metrics.token).toBeUndefined();
      const withToken = environmentOf(name, { ...HOST_ENV, METRICS_TOKEN: token });
      expect(LOADERS[name](withToken).metrics.token).toBe(token);
    }
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
        expect({ dependency, reportsHealth: target.healthcheck !== undefined }).toEqual({
          dependency,
          reportsHealth: true,
        });
      }
    }
    expect(imageHasHealthcheck).toBe(true);
  });

  describe('health checks run their command against the service’s port', () => {
    // A stand-in for a service: answers 200 on the paths in `healthy`, 503 on the others.
    let server: Server;
    let port: number;
    let healthy = new Set<string>();
    beforeAll(async () => {
      server = createServer((req, res) => {
        res.statusCode = healthy.has(req.url ?? '') ? 200 : 503;
        res.end('{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    /** Runs a CMD-form check as the engine would, with the service's PORT; its exit code. */
    function exitCodeOf(command: string[]): Promise<number | null> {
      const [file, ...args] = command;
      const child = spawn(file, args, { env: { ...process.env, PORT: String(port) } });
      return new Promise((resolve) => child.on('close', resolve));
    }

    const imageCheck = (): string[] => {
      const match = /^HEALTHCHECK [^\n]*\\\n\s*CMD (\[.*\])$/m.exec(dockerfile);
      if (!match) throw new Error('no HEALTHCHECK ... CMD [...] in the Dockerfile');
      return JSON.parse(match[1]) as string[];
    };

    it('the image asks /health/live: a dependency’s outage does not get it replaced', async () => {
      const command = imageCheck();
      healthy = new Set(['/health/live']);
      expect(await exitCodeOf(command)).toBe(0);
      healthy = new Set(['/health/ready', '/health']);
      expect(await exitCodeOf(command)).toBe(1);
    });

    it.each(Object.keys(LOADERS))(
      '%s in compose asks /health/ready, so what waits on it starts once it serves',
      async (name) => {
        const test = compose.services[name].healthcheck?.test;
        expect(Array.isArray(test) && test[0]).toBe('CMD');
        const command = (test as string[]).slice(1);
        healthy = new Set(['/health/ready']);
        expect(await exitCodeOf(command)).toBe(0);
        healthy = new Set(['/health/live', '/health']);
        expect(await exitCodeOf(command)).toBe(1);
      },
    );
  });

  it('builds each service from the one Dockerfile by its SERVICE argument', () => {
    expect(dockerfile).toMatch(/^ARG SERVICE=/m);
    expect(dockerfile).toContain('dist/apps/${SERVICE}/src/main.js');
  });
});
