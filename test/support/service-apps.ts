import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { KafkaEventServer } from '@app/messaging';
import { createServiceApp, findPagesDir } from '@app/platform';
import { AppModule as PassAppModule } from '../../apps/pass-service/src/app.module';
import { loadPassServiceConfig } from '../../apps/pass-service/src/config/pass-service.config';
import { MAX_BATCH_FILE_BYTES } from '../../apps/pass-service/src/batches/batch-file';
import { PRINT_PAGE_STYLE } from '../../apps/pass-service/src/qr/print-page';
import { AppModule as ReportingAppModule } from '../../apps/reporting-service/src/app.module';
import { loadReportingServiceConfig } from '../../apps/reporting-service/src/config/reporting-service.config';
import { AppModule as VerifyAppModule } from '../../apps/verify-service/src/app.module';
import { loadVerifyServiceConfig } from '../../apps/verify-service/src/config/verify-service.config';
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

/** Each service built exactly as main.ts builds it, in-process, for supertest. */
export const serviceApps = {
  async pass(
    extra: Env = {},
    consumer: 'wait' | 'no-wait' = 'wait',
  ): Promise<NestFastifyApplication> {
    const config = loadPassServiceConfig(
      baseEnv({
        KEY_ENCRYPTION_SECRET: 'test-key-encryption-secret-0123456789',
        ADMIN_USERNAME: 'admin',
        ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
        ...extra,
      }),
    );
    return started(
      await createServiceApp(PassAppModule.register(config), {
        title: 'pass-service',
        description: 'test',
        pagesDir: findPagesDir('pass-service'),
        corsOrigins: config.http.corsOrigins,
        trustedProxies: config.http.trustedProxies,
        pageConnectOrigins: config.http.pageConnectOrigins,
        pageInlineStyles: [PRINT_PAGE_STYLE],
        uploadFileBytes: MAX_BATCH_FILE_BYTES,
      }),
      consumer,
    );
  },
  async verify(extra: Env = {}): Promise<NestFastifyApplication> {
    const config = loadVerifyServiceConfig(baseEnv(extra));
    return started(
      await createServiceApp(VerifyAppModule.register(config), {
        title: 'verify-service',
        description: 'test',
        pagesDir: findPagesDir('verify-service'),
        corsOrigins: config.http.corsOrigins,
        trustedProxies: config.http.trustedProxies,
        pageConnectOrigins: config.http.pageConnectOrigins,
      }),
    );
  },
  async reporting(extra: Env = {}): Promise<NestFastifyApplication> {
    const config = loadReportingServiceConfig(baseEnv(extra));
    return started(
      await createServiceApp(ReportingAppModule.register(config), {
        title: 'reporting-service',
        description: 'test',
        pagesDir: findPagesDir('reporting-service'),
        corsOrigins: config.http.corsOrigins,
        trustedProxies: config.http.trustedProxies,
        pageConnectOrigins: config.http.pageConnectOrigins,
      }),
    );
  },
};
