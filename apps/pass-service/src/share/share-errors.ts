import { AppError } from '@app/platform';

/** The same answer for a secret that never existed, a withdrawn link and an expired pass. */
export const sharedPassNotFound = () =>
  AppError.notFound(
    'SHARED_PASS_NOT_FOUND',
    'No pass at this link: it was withdrawn, replaced by a newer link, or the pass has expired.',
  );

export const shareNotFound = () =>
  AppError.notFound('SHARE_NOT_FOUND', 'This pass has no link for its driver.');

export const notShareable = (why: string) =>
  AppError.conflict('PASS_STATE_CONFLICT', `A pass that ${why} cannot be shared with its driver.`);
