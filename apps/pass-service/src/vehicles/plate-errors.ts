import { AppError } from '@app/platform';

/** Says how to get the plate: the holder's identity is not given away to another enterprise. */
export const plateHeldByOther = () =>
  AppError.conflict(
    'PLATE_HELD_BY_OTHER',
    'This plate is registered to another enterprise. To take it over, request a transfer with ' +
      'POST /v1/plate-transfers { plate, reason }; an official of your division decides it.',
  );

/** The same answer whether the transfer does not exist or lies outside the caller's view. */
export const transferNotFound = () =>
  AppError.notFound('TRANSFER_NOT_FOUND', 'No plate transfer with this id that you can see.');

export const transferStateConflict = (status: string) =>
  AppError.conflict(
    'TRANSFER_STATE_CONFLICT',
    `This transfer is already ${status}; only a pending one can be decided.`,
  );
