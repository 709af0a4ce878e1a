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
  };
}

type ServiceEnv = z.infer<z.ZodObject<ReturnType<typeof serviceEnvShape>>>;

/** The nested, typed form of the common variables. */
export function baseServiceConfig(serviceName: string, schema: string, env: ServiceEnv) {
  return {
    serviceName,
    http: { host: env.HOST, port: env.PORT, corsOrigins: env.CORS_ORIGINS },
    database: {
      url: env.DATABASE_URL,
      schema,
      poolSize: env.DB_POOL_SIZE,
      runMigrations: env.RUN_MIGRATIONS,
    },
    kafka: { brokers: env.KAFKA_BROKERS, partitions: env.KAFKA_PARTITIONS },
    logLevel: env.LOG_LEVEL,
    passServiceUrl: env.PASS_SERVICE_URL,
  };
}

export type BaseServiceConfig = ReturnType<typeof baseServiceConfig>;
