import { AppError } from '@app/platform';

/**
 * The same answer whether the pass does not exist or belongs to another enterprise, so ids cannot
 * be probed; and it never repeats the id, which is whatever the caller put in the URL.
 */
export const passNotFound = () =>
  AppError.notFound('PASS_NOT_FOUND', 'No pass with this id that you can see.');

export const stateConflict = (action: string, status: string) =>
  AppError.conflict(
    'PASS_STATE_CONFLICT',
    `A pass that is ${status} cannot be ${action}.`,
  ).withParams({ status, action });
