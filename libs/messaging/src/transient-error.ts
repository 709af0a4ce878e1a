import { isDatabaseUnavailable } from '@app/database';

/**
 * Errors worth retrying forever: the database or broker is unreachable or asked us to retry.
 * Anything else is a defect or bad data, and after a few tries it goes to the dead-letter topic.
 */
export function isTransientError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (isDatabaseUnavailable(error)) return true;
  // A serialization failure or a deadlock: the transaction was rolled back and may simply rerun.
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^(40001|40P01)/.test(code);
}

/**
 * Runs a transaction again while it fails transiently (a deadlock with a concurrent writer, a
 * database restarting), with a growing pause, at most `attempts` times.
 */
export async function retryTransient<T>(work: () => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isTransientError(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
