import { errorMessageIn, type ErrorLanguage } from '@app/platform';
import { mapHeaders } from './batch-columns';
import {
  countsOf,
  type BatchRecord,
  type BatchRowError,
  type BatchRowResult,
} from './batch.record';

export interface BatchRowView {
  row: number;
  status: BatchRowResult['status'];
  /** The row's plate cell as typed, so a person can tell the rows apart. */
  plate: string;
  passId?: string;
  passNumber?: string;
  errors?: BatchRowError[];
}

export interface BatchView {
  batchId: string;
  status: BatchRecord['status'];
  fileName: string;
  fileKind: BatchRecord['fileKind'];
  createdAt: string;
  finishedAt: string | null;
  counts: ReturnType<typeof countsOf> & { rows: number };
  rows: BatchRowView[];
}

/**
 * The batch as the API shows it; each row error's message in the reader's language (the
 * Accept-Language the pages send), its code unchanged, as for an API error.
 */
export function toBatchView(
  batch: BatchRecord,
  rows: readonly BatchRowResult[],
  language: ErrorLanguage = 'en',
): BatchView {
  const plateIndex = mapHeaders(batch.headers).indexOf.get('plate');
  return {
    batchId: batch.id,
    status: batch.status,
    fileName: batch.fileName,
    fileKind: batch.fileKind,
    createdAt: new Date(batch.createdAt).toISOString(),
    finishedAt: batch.finishedAt ? new Date(batch.finishedAt).toISOString() : null,
    counts: { rows: batch.rowCount, ...countsOf(rows) },
    rows: rows.map((r) => ({
      row: r.row,
      status: r.status,
      plate: plateIndex === undefined ? '' : (r.cells[plateIndex] ?? ''),
      ...(r.passId ? { passId: r.passId } : {}),
      ...(r.passNumber ? { passNumber: r.passNumber } : {}),
      ...(r.errors
        ? { errors: r.errors.map((e) => ({ ...e, message: errorMessageIn(language, e) })) }
        : {}),
    })),
  };
}
