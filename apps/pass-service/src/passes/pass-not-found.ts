import { AppError } from '@app/platform';

/** The same answer whether the pass does not exist or belongs to another enterprise, so ids cannot be probed. */
export const passNotFound = (id: string) =>
  AppError.notFound('PASS_NOT_FOUND', `No pass ${id} that you can see.`);

export const stateConflict = (action: string, status: string) =>
  AppError.conflict('PASS_STATE_CONFLICT', `A pass that is ${status} cannot be ${action}.`);
