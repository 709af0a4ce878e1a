import { Injectable, type PipeTransform } from '@nestjs/common';
import { AppError } from '@app/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const batchNotFound = () => AppError.notFound('BATCH_NOT_FOUND', 'There is no such batch.');

/** An id that cannot exist is simply not found, like another enterprise's batch. */
@Injectable()
export class BatchIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw batchNotFound();
    return value.toLowerCase();
  }
}
