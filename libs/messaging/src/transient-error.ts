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
