import { baseServiceConfig, envFields, loadEnv, serviceEnvShape, type Env } from '@app/config';
import { parseTonsToKg } from '@app/domain';
import { isIP } from 'node:net';
import { z } from 'zod';

const tons = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const kg = parseTonsToKg(value);
      if (kg === undefined) {
        ctx.addIssue({ code: 'custom', message: 'must be tons > 0 with at most 3 decimals' });
        return z.NEVER;
      }
      return kg;
    });

const timeZone = z
  .string()
  .default('Asia/Shanghai')
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-CA', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Asia/Shanghai');

const NETWORK_KEYWORDS = ['loopback', 'private', 'linklocal'];

const webhookNetworks = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .refine(
    (list) => list.every((entry) => NETWORK_KEYWORDS.includes(entry) || isCidr(entry)),
    'must be comma-separated CIDR ranges (10.0.0.0/8, fd00::/8) or loopback, private, linklocal',
  );

function isCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0 || prefix === undefined) return false;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const envSchema = z.object({
  ...serviceEnvShape(3001),
  /** Encrypts the signing keys' private halves at rest; losing it means every key must be replaced. */
  KEY_ENCRYPTION_SECRET: z.string().min(16, 'must be at least 16 characters'),
  ADMIN_USERNAME: z.string().min(3).max(64).default('admin'),
  /** Without it no admin is created at start-up (one may already exist). */
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').max(128).optional(),
  ACCESS_TOKEN_TTL_SECONDS: envFields.positiveInt(900),
  /** How long a login's session (its family of refresh tokens) lasts: a shift, not a sliding window. */
  REFRESH_TOKEN_TTL_SECONDS: envFields.positiveInt(43_200),
  /** Failed logins for one user from one address (a guesser there is stopped, the owner elsewhere is not). */
  LOGIN_MAX_FAILURES_PER_USER_AND_IP: envFields.positiveInt(5),
  /** Failed logins from one address, whatever the usernames (a spray). */
  LOGIN_MAX_FAILURES_PER_IP: envFields.positiveInt(50),
  LOGIN_FAILURE_WINDOW_SECONDS: envFields.positiveInt(900),
  /** Failed logins for one user from all addresses together, in a short window: a slow-down, not a lock-out. */
  LOGIN_MAX_FAILURES_PER_USER: envFields.positiveInt(10),
  LOGIN_USER_WINDOW_SECONDS: envFields.positiveInt(60),
  /** Registrations from one address (each costs an argon2 hash and creates an account). */
  REGISTRATION_MAX_PER_IP: envFields.positiveInt(10),
  REGISTRATION_WINDOW_SECONDS: envFields.positiveInt(3600),
  PASS_MAX_TONNAGE: tons('100'),
  /** Above this (tons), an intra-province pass goes to review instead of being issued at once. */
  PASS_AUTO_APPROVE_MAX_TONNAGE: tons('49'),
  PASS_MAX_VALIDITY_DAYS: envFields.positiveInt(30),
  /** A pass starts today or on one of the next N days (in PASS_TIME_ZONE), never later. */
  PASS_MAX_START_AHEAD_DAYS: envFields.positiveInt(14),
  /** The zone whose calendar decides what "today" is for a pass's first day. */
  PASS_TIME_ZONE: timeZone,
  QR_CACHE_ENTRIES: envFields.positiveInt(2000),
  /**
   * Networks a webhook may be delivered to although they are private, loopback or link-local:
   * comma-separated CIDR ranges or `loopback`, `private`, `linklocal`. Empty (production): none.
   */
  WEBHOOK_ALLOWED_NETWORKS: webhookNetworks,
  WEBHOOK_MAX_ATTEMPTS: envFields.positiveInt(8),
  /** The wait after the first failed attempt; it doubles after each further one (at most 1 h). */
  WEBHOOK_RETRY_BASE_MS: envFields.positiveInt(30_000),
  WEBHOOK_TIMEOUT_MS: envFields.positiveInt(5_000),
  WEBHOOK_POLL_INTERVAL_MS: envFields.positiveInt(1_000),
  /** How often each replica reads the new status notices for the live streams it holds. */
  NOTICES_POLL_INTERVAL_MS: envFields.positiveInt(1_000),
  NOTICES_MAX_STREAMS_PER_USER: envFields.positiveInt(4),
});

export function loadPassServiceConfig(env: Env = process.env) {
  const parsed = loadEnv(envSchema, env);
  return {
    ...baseServiceConfig('pass-service', 'pass', parsed),
    keyEncryptionSecret: parsed.KEY_ENCRYPTION_SECRET,
    admin: { username: parsed.ADMIN_USERNAME, password: parsed.ADMIN_PASSWORD },
    accessTokenTtlSeconds: parsed.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: parsed.REFRESH_TOKEN_TTL_SECONDS,
    login: {
      perAddress: {
        limit: parsed.LOGIN_MAX_FAILURES_PER_IP,
        windowSeconds: parsed.LOGIN_FAILURE_WINDOW_SECONDS,
      },
      perUserAndAddress: {
        limit: parsed.LOGIN_MAX_FAILURES_PER_USER_AND_IP,
        windowSeconds: parsed.LOGIN_FAILURE_WINDOW_SECONDS,
      },
      perUser: {
        limit: parsed.LOGIN_MAX_FAILURES_PER_USER,
        windowSeconds: parsed.LOGIN_USER_WINDOW_SECONDS,
      },
    },
    registration: {
      perAddress: {
        limit: parsed.REGISTRATION_MAX_PER_IP,
        windowSeconds: parsed.REGISTRATION_WINDOW_SECONDS,
      },
    },
    passRules: {
      maxTonnageKg: parsed.PASS_MAX_TONNAGE,
      autoApproveMaxTonnageKg: parsed.PASS_AUTO_APPROVE_MAX_TONNAGE,
      maxValidityDays: parsed.PASS_MAX_VALIDITY_DAYS,
      maxStartAheadDays: parsed.PASS_MAX_START_AHEAD_DAYS,
      timeZone: parsed.PASS_TIME_ZONE,
    },
    qrCacheEntries: parsed.QR_CACHE_ENTRIES,
    webhooks: {
      allowedNetworks: parsed.WEBHOOK_ALLOWED_NETWORKS,
      maxAttempts: parsed.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: parsed.WEBHOOK_RETRY_BASE_MS,
      timeoutMs: parsed.WEBHOOK_TIMEOUT_MS,
      pollIntervalMs: parsed.WEBHOOK_POLL_INTERVAL_MS,
    },
    notices: {
      pollIntervalMs: parsed.NOTICES_POLL_INTERVAL_MS,
      maxStreamsPerUser: parsed.NOTICES_MAX_STREAMS_PER_USER,
    },
  };
}

export type PassServiceConfig = ReturnType<typeof loadPassServiceConfig>;
export type PassRules = PassServiceConfig['passRules'];

/** Injection token for the loaded configuration. */
export const PASS_SERVICE_CONFIG = Symbol('PASS_SERVICE_CONFIG');
