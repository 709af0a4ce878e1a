import { errorMessageIn, type ErrorLanguage } from '@app/platform';
import { mapHeaders } from './batch-columns';
import { z } from 'zod';
import { countsOf, type BatchRecord, type BatchRowResult } from './batch.record';

const batchRowViewSchema = z.strictObject({
  row: z.number().int().describe('The row number in the sheet.'),
  status: z.enum(['issued', 'pending_review', 'invalid', 'refused']),
  plate: z.string().describe("The row's plate cell as typed, so a person can tell the rows apart."),
  passId: z.uuid().optional(),
  passNumber: z.string().optional(),
  errors: z
    .array(
      z.strictObject({
        field: z.string().describe('The application field, as in POST /v1/passes.'),
        column: z.string().optional().describe('The column header as the file has it.'),
        cell: z.string().optional().describe("The cell's address in the sheet (C7)."),
        code: z.string(),
        message: z.string().describe("In the reader's language (Accept-Language)."),
      }),
    )
    .optional(),
});

/** A batch application and each row's outcome (component `Batch`). */
export const batchViewSchema = z
  .strictObject({
    batchId: z.uuid(),
    status: z.enum(['running', 'done']),
    fileName: z.string(),
    fileKind: z.enum(['xlsx', 'csv']),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    counts: z.strictObject({
      rows: z.number().int(),
      issued: z.number().int(),
      pendingReview: z.number().int(),
      invalid: z.number().int(),
      refused: z.number().int(),
    }),
    rows: z.array(batchRowViewSchema),
  })
  .meta({ id: 'Batch' });

export type BatchView = z.infer<typeof batchViewSchema>;

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
