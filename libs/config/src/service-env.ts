import { z } from 'zod';
import {
  booleanFlag,
  databaseUrl,
  httpUrl,
  kafkaBrokers,
  logLevel,
  originList,
  port,
  positiveInt,
  proxyList,
  scrapeToken,
} from './env-fields';

/** The variables every service reads; each service adds its own to this shape. */
export function serviceEnvShape(defaultPort: number) {
  return {
    PORT: port(defaultPort),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: databaseUrl,
    DB_POOL_SIZE: positiveInt(10),
    KAFKA_BROKERS: kafkaBrokers,
    KAFKA_PARTITIONS: positiveInt(6),
    LOG_LEVEL: logLevel,
    RUN_MIGRATIONS: booleanFlag(false),
    PASS_SERVICE_URL: httpUrl('http://127.0.0.1:3001'),
    CORS_ORIGINS: originList,
    TRUSTED_PROXIES: proxyList,
    /** Origins the pages may call besides their own and PASS_SERVICE_URL's (CSP connect-src). */
    PAGE_CONNECT_ORIGINS: originList,
    /** The bearer token Prometheus presents on /metrics; unset, /metrics answers 404. */
    METRICS_TOKEN: scrapeToken,
  };
}

type ServiceEnv = z.infer<z.ZodObject<ReturnType<typeof serviceEnvShape>>>;

/** The nested, typed form of the common variables. */
export function baseServiceConfig(serviceName: string, schema: string, env: ServiceEnv) {
  return {
    serviceName,
    http: {
      host: env.HOST,
      port: env.PORT,
      corsOrigins: env.CORS_ORIGINS,
      trustedProxies: env.TRUSTED_PROXIES,
      // The scanner and the dashboard log in against pass-service from the browser. When
      // PASS_SERVICE_URL is an internal name (a container's), PAGE_CONNECT_ORIGINS adds the public one.
      pageConnectOrigins: [
        ...new Set([new URL(env.PASS_SERVICE_URL).origin, ...env.PAGE_CONNECT_ORIGINS]),
      ],
    },
    database: {
      url: env.DATABASE_URL,
      schema,
      poolSize: env.DB_POOL_SIZE,
      runMigrations: env.RUN_MIGRATIONS,
    },
    kafka: { brokers: env.KAFKA_BROKERS, partitions: env.KAFKA_PARTITIONS },
    logLevel: env.LOG_LEVEL,
    passServiceUrl: env.PASS_SERVICE_URL,
    metrics: { token: env.METRICS_TOKEN },
  };
}

export type BaseServiceConfig = ReturnType<typeof baseServiceConfig>;
