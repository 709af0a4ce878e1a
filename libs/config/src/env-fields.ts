import { z } from 'zod';

/** Field definitions shared by every service's environment schema. */

export const databaseUrl = z
  .string()
  .default('postgres://postgres@127.0.0.1:5432/epass')
  .refine(isPostgresUrl, 'must be a postgres:// or postgresql:// URL with a database name');

export const kafkaBrokers = z
  .string()
  .default('127.0.0.1:9092')
  .transform((value) => value.split(',').map((b) => b.trim()))
  .refine((brokers) => brokers.length > 0 && brokers.every(isHostPort), {
    message: 'must be a comma-separated list of host:port',
  });

export const port = (fallback: number) =>
  z.coerce.number().int().min(1).max(65535).default(fallback);

export const httpUrl = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((v) => /^https?:\/\/[^\s/]+/.test(v), 'must be an http:// or https:// URL')
    .transform((v) => v.replace(/\/+$/, ''));

/** Comma-separated browser origins (`http://host:port`) allowed to call this service's API. */
export const originList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter(Boolean),
  )
  .refine(
    (list) => list.every((o) => /^https?:\/\/[^\s/]+$/.test(o)),
    'must be comma-separated origins such as http://127.0.0.1:3002',
  );

export const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  .default('info');

export const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

export const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return /^postgres(ql)?:$/.test(url.protocol) && url.hostname !== '' && url.pathname.length > 1;
  } catch {
    return false;
  }
}

function isHostPort(value: string): boolean {
  const match = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(value);
  return match !== null && Number(match[2]) > 0 && Number(match[2]) <= 65535;
}
