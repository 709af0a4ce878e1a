import type { BatchFileKind } from './batch-file';

export type BatchRowStatus = 'issued' | 'pending_review' | 'invalid' | 'refused';

/** Why a row was not applied: the cell's column (header) and field, a stable code, a message. */
export interface BatchRowError {
  /** The application field, as in POST /v1/passes (`plate`, `tonnage`, …). */
  field: string;
  /** The column header as the file has it, when the error is about one cell. */
  column?: string;
  /** The cell's address in the sheet (`C7`), when the error is about one cell. */
  cell?: string;
  code: string;
  message: string;
}

export interface BatchRowResult {
  row: number;
  status: BatchRowStatus;
  passId?: string;
  passNumber?: string;
  errors?: BatchRowError[];
  /** The row's cells as read, for the result file. */
  cells: string[];
}

export interface BatchRecord {
  id: string;
  enterpriseId: string;
  fileSha256: string;
  fileName: string;
  fileKind: BatchFileKind;
  headers: string[];
  rowCount: number;
  status: 'running' | 'done';
  createdAt: Date;
  finishedAt: Date | null;
}

export interface NewBatch {
  id: string;
  enterpriseId: string;
  fileSha256: string;
  fileName: string;
  fileKind: BatchFileKind;
  headers: string[];
  rowCount: number;
  createdBy: string;
}

/** How many rows ended in each status. */
export function countsOf(rows: readonly BatchRowResult[]): {
  issued: number;
  pendingReview: number;
  invalid: number;
  refused: number;
} {
  const count = (status: BatchRowResult['status']) =>
    rows.filter((r) => r.status === status).length;
  return {
    issued: count('issued'),
    pendingReview: count('pending_review'),
    invalid: count('invalid'),
    refused: count('refused'),
  };
}
