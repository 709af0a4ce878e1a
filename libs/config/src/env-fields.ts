import { isIP } from 'node:net';
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

/**
 * Comma-separated addresses or CIDR ranges of the reverse proxies whose X-Forwarded-For is
 * believed (or `loopback`, `linklocal`, `uniquelocal`). Empty: the client address is the socket's.
 */
export const proxyList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .refine(
    (list) => list.every(isProxyEntry),
    'must be comma-separated IP addresses or CIDR ranges (or loopback, linklocal, uniquelocal)',
  );

/**
 * A shared secret presented as `Authorization: Bearer <token>` (RFC 6750 characters, 16 or more).
 * Optional; an empty value counts as unset, so `${VAR:-}` in Compose leaves it off.
 */
export const scrapeToken = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z
    .string()
    .regex(/^[A-Za-z0-9._~+/=-]{16,}$/, 'must be 16 or more of A-Z a-z 0-9 . _ ~ + / = -')
    .optional(),
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

function isProxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
