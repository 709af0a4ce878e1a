import {
  baseServiceConfig,
  ConfigError,
  envFields,
  loadEnv,
  serviceEnvShape,
  type Env,
} from '@app/config';
import { z } from 'zod';

const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const envSchema = z.object({
  ...serviceEnvShape(3002),
  /** Tolerated clock skew on a pass's nbf/exp; the server's clock decides, the skew used is reported. */
  VERIFY_CLOCK_LEEWAY_SECONDS: nonNegativeInt(120),
  /** An unknown kid may trigger a JWKS fetch at most this often, so forged kids cannot flood pass-service. */
  KEY_REFRESH_MIN_INTERVAL_MS: envFields.positiveInt(10_000),
  JWKS_FETCH_TIMEOUT_MS: envFields.positiveInt(2_000),
  /** Replicas share the consumer group, so each also polls the table for revocations another one applied. */
  REVOCATION_POLL_INTERVAL_MS: envFields.positiveInt(500),
  REVOCATION_PRUNE_INTERVAL_MS: envFields.positiveInt(3_600_000),
  /** Group commit: a batch of scans waits at most this long, or until it holds this many rows. */
  SCAN_BATCH_MAX_WAIT_MS: nonNegativeInt(3),
  SCAN_BATCH_MAX_ROWS: envFields.positiveInt(500),
  SCAN_BATCH_MAX_IN_FLIGHT: envFields.positiveInt(2),
  /** A truck faster than this between two checkpoints is more likely a copied QR. */
  CLONE_MAX_SPEED_KMH: envFields.positiveInt(120),
  /** Two entries at one checkpoint without an exit between, within this window, look like a clone. */
  CLONE_REENTRY_WINDOW_MINUTES: envFields.positiveInt(720),
  CLONE_TRACKED_PASSES: envFields.positiveInt(50_000),
  CLONE_SCANS_PER_PASS: envFields.positiveInt(8),
  /**
   * How old a scan's device time (scannedAt) may be: the longest a scanner's offline queue is
   * expected to hold a scan before it is sent. Older scans are refused (400), not recorded.
   */
  SCANNED_AT_MAX_AGE_HOURS: envFields.positiveInt(168),
  /** How far ahead of the server's clock a device's scannedAt may be (its clock running fast). */
  SCANNED_AT_MAX_AHEAD_SECONDS: envFields.positiveInt(300),
  /**
   * Scans (officer, plate, place and time: personal data) are deleted this many days after they
   * were checked; report totals live in reporting-service's aggregates and do not change.
   */
  SCAN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /** How often a replica looks for scans past retention (one replica at a time deletes). */
  SCAN_PRUNE_INTERVAL_MS: envFields.positiveInt(3_600_000),
  /** Scans deleted per transaction, so pruning never holds long locks or a long transaction. */
  SCAN_PRUNE_BATCH_ROWS: z.coerce.number().int().min(1).max(50_000).default(1000),
});

export function loadVerifyServiceConfig(env: Env = process.env) {
  const parsed = loadEnv(envSchema, env);
  // A resent offline scan is recognised by its row: pruned first, it would be recorded twice.
  if (parsed.SCAN_RETENTION_DAYS * 24 <= parsed.SCANNED_AT_MAX_AGE_HOURS) {
    throw new ConfigError([
      `SCAN_RETENTION_DAYS: must be longer than SCANNED_AT_MAX_AGE_HOURS (${parsed.SCANNED_AT_MAX_AGE_HOURS} h), or a resent offline scan could be recorded twice (got '${parsed.SCAN_RETENTION_DAYS}')`,
    ]);
  }
  return {
    ...baseServiceConfig('verify-service', 'verify', parsed),
    verify: {
      clockLeewaySeconds: parsed.VERIFY_CLOCK_LEEWAY_SECONDS,
      keyRefreshMinIntervalMs: parsed.KEY_REFRESH_MIN_INTERVAL_MS,
      jwksFetchTimeoutMs: parsed.JWKS_FETCH_TIMEOUT_MS,
      revocationPollIntervalMs: parsed.REVOCATION_POLL_INTERVAL_MS,
      revocationPruneIntervalMs: parsed.REVOCATION_PRUNE_INTERVAL_MS,
      scanBatch: {
        maxWaitMs: parsed.SCAN_BATCH_MAX_WAIT_MS,
        maxRows: parsed.SCAN_BATCH_MAX_ROWS,
        maxInFlight: parsed.SCAN_BATCH_MAX_IN_FLIGHT,
      },
      clone: {
        maxSpeedKmh: parsed.CLONE_MAX_SPEED_KMH,
        reentryWindowMs: parsed.CLONE_REENTRY_WINDOW_MINUTES * 60_000,
        trackedPasses: parsed.CLONE_TRACKED_PASSES,
        scansPerPass: parsed.CLONE_SCANS_PER_PASS,
      },
      scannedAt: {
        maxAgeMs: parsed.SCANNED_AT_MAX_AGE_HOURS * 3_600_000,
        maxAheadMs: parsed.SCANNED_AT_MAX_AHEAD_SECONDS * 1000,
      },
      scanRetention: {
        retentionDays: parsed.SCAN_RETENTION_DAYS,
        intervalMs: parsed.SCAN_PRUNE_INTERVAL_MS,
        batchRows: parsed.SCAN_PRUNE_BATCH_ROWS,
      },
    },
  };
}

export type VerifyServiceConfig = ReturnType<typeof loadVerifyServiceConfig>;
export type VerifyConfig = VerifyServiceConfig['verify'];

/** Injection token for the `verify` part of the configuration, plus the service name and pass-service URL. */
export const VERIFY_CONFIG = Symbol('VERIFY_CONFIG');
export interface VerifyModuleConfig extends VerifyConfig {
  serviceName: string;
  passServiceUrl: string;
}
