import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { KafkaEventServer } from '@app/messaging';
import { createServiceApp, type ServiceDefinition } from '@app/platform';
import type { BaseServiceConfig } from '@app/config';
import { passServiceDefinition } from '../../apps/pass-service/src/service-definition';
import { reportingServiceDefinition } from '../../apps/reporting-service/src/service-definition';
import { verifyServiceDefinition } from '../../apps/verify-service/src/service-definition';
import { ContractCheck } from './contract-check';
import { TEST_PARTITIONS, testEnv } from './test-env';

type Env = Record<string, string | undefined>;

/** The scrape token every suite's services require on /metrics (tests only). */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789';

/** The first admin's password in every suite that boots pass-service (tests only). */
export const TEST_ADMIN_PASSWORD = 'test-admin-password';

function baseEnv(extra: Env): Env {
  return {
    DATABASE_URL: testEnv.databaseUrl,
    KAFKA_BROKERS: testEnv.kafkaBrokers.join(','),
    LOG_LEVEL: 'warn',
    RUN_MIGRATIONS: 'true',
    KAFKA_PARTITIONS: String(TEST_PARTITIONS),
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    ...extra,
  };
}

/**
 * Ready for a test: its consumer has joined its group, unless the test points the service at a
 * broker that is not there on purpose (`consumer: 'no-wait'`).
 */
async function started(
  app: NestFastifyApplication,
  consumer: 'wait' | 'no-wait' = 'wait',
): Promise<NestFastifyApplication> {
  if (consumer === 'wait') await app.get(KafkaEventServer).whenJoined();
  return app;
}

/**
 * A service built from its definition exactly as main.ts builds it, in-process, for supertest.
 * Every answer it gives is checked against its published contract when the app closes
 * (contract-check.ts).
 */
async function build<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  env: Env,
  consumer: 'wait' | 'no-wait' = 'wait',
): Promise<NestFastifyApplication> {
  const config = definition.loadConfig(env);
  const check = new ContractCheck();
  const app = await createServiceApp(definition.appModule(config), {
    ...definition.app,
    corsOrigins: config.http.corsOrigins,
    trustedProxies: config.http.trustedProxies,
    pageConnectOrigins: config.http.pageConnectOrigins,
    answerObserver: check.record,
  });
  // Nest's application is itself a proxy that ignores an assigned `close`: wrapped instead.
  const checked = new Proxy(app, {
    get: (target, property, receiver) =>
      property === 'close'
        ? () => check.closeChecked(target, () => target.close())
        : (Reflect.get(target, property, receiver) as unknown),
  });
  return started(checked, consumer);
}

export const serviceApps = {
  pass(extra: Env = {}, consumer: 'wait' | 'no-wait' = 'wait'): Promise<NestFastifyApplication> {
    const env = baseEnv({
      KEY_ENCRYPTION_SECRET: 'test-key-encryption-secret-0123456789',
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      ...extra,
    });
    return build(passServiceDefinition, env, consumer);
  },
  verify(extra: Env = {}): Promise<NestFastifyApplication> {
    return build(verifyServiceDefinition, baseEnv(extra));
  },
  reporting(extra: Env = {}): Promise<NestFastifyApplication> {
    return build(reportingServiceDefinition, baseEnv(extra));
  },
};
