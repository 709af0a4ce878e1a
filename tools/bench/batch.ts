import ExcelJS from 'exceljs';
import type { EpassApi, PassApplication } from '../shared/epass-api';
import { plateFor } from '../shared/fixtures';
import type { Enterprise } from './actors';

const DAY_MS = 86_400_000;
/** The API's field names: a batch file may use them as its headers instead of the template's. */
const FIELDS: (keyof PassApplication)[] = [
  'plate',
  'driverName',
  'driverPhone',
  'cargoCategory',
  'tonnage',
  'originDivision',
  'destinationDivision',
  'validFrom',
  'validUntil',
];

export interface BatchFigures {
  rows: number;
  /** From the start of the upload until the answer with every row's outcome. */
  batchSeconds: number;
  /** The same number of POST /v1/passes, each sent when the previous one was answered. */
  singlesSeconds: number;
}

/**
 * A spreadsheet batch against what it replaces: `rows` single applications one after another
 * (a person or a script without concurrency), then a workbook of `rows` other plates uploaded
 * to POST /v1/passes/batches. Every row of both must be issued.
 */
export async function benchBatch(
  api: EpassApi,
  passUrl: string,
  enterprise: Enterprise,
  rows: number,
  plateOffset: number,
): Promise<BatchFigures> {
  const now = Date.now();
  const application = (i: number): PassApplication => ({
    plate: plateFor(plateOffset + i),
    driverName: '李师傅',
    driverPhone: '13912345678',
    cargoCategory: 'daily_necessities',
    tonnage: `${10 + (i % 30)}.5`,
    originDivision: enterprise.division,
    destinationDivision: '410102',
    validFrom: new Date(now).toISOString(),
    validUntil: new Date(now + 3 * DAY_MS).toISOString(),
  });

  const singlesStart = performance.now();
  for (let i = 0; i < rows; i++) {
    const view = await api.applyForPass(enterprise.token, application(i));
    if (view.status !== 'issued') throw new Error(`single ${i}: ${view.status}`);
  }
  const singlesSeconds = (performance.now() - singlesStart) / 1000;

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('rows');
  sheet.addRow(FIELDS);
  for (let i = 0; i < rows; i++) {
    const values = application(rows + i);
    sheet.addRow(FIELDS.map((field) => values[field] ?? ''));
  }
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  const form = new FormData();
  form.append('file', new Blob([bytes]), 'bench.xlsx');

  const batchStart = performance.now();
  const response = await fetch(`${passUrl}/v1/passes/batches`, {
    method: 'POST',
    headers: { authorization: `Bearer ${enterprise.token}` },
    body: form,
  });
  const answer = (await response.json()) as { rows?: { status: string }[]; code?: string };
  const batchSeconds = (performance.now() - batchStart) / 1000;
  if (response.status !== 201)
    throw new Error(`batch upload: HTTP ${response.status} ${answer.code}`);
  const issued = answer.rows?.filter((r) => r.status === 'issued').length ?? 0;
  if (issued !== rows) throw new Error(`batch upload: ${issued} of ${rows} rows issued`);
  return { rows, batchSeconds, singlesSeconds };
}
