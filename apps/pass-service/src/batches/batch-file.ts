import { AppError } from '@app/platform';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { inflateRawSync } from 'node:zlib';

/** At most this many data rows in one file; more is refused whole, nothing applied. */
export const MAX_BATCH_ROWS = 500;
/** Upload limit (bytes). 500 filled rows of the template are about 40 KB as .xlsx. */
export const MAX_BATCH_FILE_BYTES = 2 * 1024 * 1024;
/** What an .xlsx may unpack to: a 500-row sheet plus the code table is about 1 MB. */
const MAX_UNZIPPED_BYTES = 20 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 200;
/** Cells kept per row, and characters per cell: more is never a real application. */
const MAX_COLUMNS = 40;
const MAX_CELL_CHARS = 1000;

export type BatchFileKind = 'xlsx' | 'csv';

export interface BatchSheetRow {
  /** The row's number in the sheet (the header is row 1), as the person sees it in Excel. */
  number: number;
  cells: string[];
}

export interface BatchSheet {
  kind: BatchFileKind;
  headers: string[];
  rows: BatchSheetRow[];
}

const fileInvalid = (message: string) => AppError.badRequest('BATCH_FILE_INVALID', message);

/**
 * Reads an upload as a sheet of text cells. The kind is told by the bytes (a ZIP is an .xlsx),
 * and the name only decides what a file that is not a ZIP was meant to be. Refusals: 400
 * `BATCH_FILE_INVALID` (corrupt, not UTF-8, no header row, an .xlsx that is not one, a ZIP
 * that unpacks too far), 415 `BATCH_FILE_TYPE_UNSUPPORTED`, 422 `BATCH_TOO_MANY_ROWS`,
 * 422 `BATCH_EMPTY`.
 */
export async function readBatchFile(
  bytes: Buffer,
  fileName: string,
  mimeType: string,
): Promise<BatchSheet> {
  const name = fileName.toLowerCase();
  let sheet: BatchSheet;
  if (isZip(bytes)) {
    sheet = await readXlsx(bytes);
  } else if (name.endsWith('.xlsx')) {
    throw fileInvalid('The file is named .xlsx but is not an Excel workbook.');
  } else if (isOleDocument(bytes) || name.endsWith('.xls')) {
    throw unsupported('Old .xls workbooks are not read: save the sheet as .xlsx or CSV UTF-8.');
  } else if (
    name.endsWith('.csv') ||
    name.endsWith('.txt') ||
    /^text\/(csv|plain)/.test(mimeType)
  ) {
    sheet = readCsv(bytes);
  } else {
    throw unsupported('Upload an .xlsx workbook or a UTF-8 .csv file.');
  }
  const rows = sheet.rows.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  if (rows.length === 0) {
    throw AppError.unprocessable('BATCH_EMPTY', 'The sheet has a header row but no applications.');
  }
  if (rows.length > MAX_BATCH_ROWS) {
    throw AppError.unprocessable(
      'BATCH_TOO_MANY_ROWS',
      `A batch holds at most ${MAX_BATCH_ROWS} rows; this file has ${rows.length}. Split it; nothing was applied.`,
    );
  }
  return { ...sheet, rows };
}

const unsupported = (message: string) => new AppError(415, 'BATCH_FILE_TYPE_UNSUPPORTED', message);

function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
}

function isOleDocument(bytes: Buffer): boolean {
  return (
    bytes.length >= 8 &&
    bytes.readUInt32BE(0) === 0xd0cf11e0 &&
    bytes.readUInt32BE(4) === 0xa1b11ae1
  );
}

// --- CSV ----------------------------------------------------------------------------------------

function readCsv(bytes: Buffer): BatchSheet {
  let text: string;
  try {
    // fatal: a GBK file from an older Excel is refused with advice, not read as mojibake.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw fileInvalid('The CSV file is not UTF-8: in Excel, save it as "CSV UTF-8".');
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 64 * 1024,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const detail = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
    throw fileInvalid(`The CSV file could not be read${detail}.`);
  }
  const [header, ...data] = records;
  if (!header) throw fileInvalid('The file has no header row.');
  // The line a record ends on, as an editor shows it (a quoted line break spans two).
  const rows = data.map(({ record, info }) => ({ number: info.lines, cells: boundCells(record) }));
  return { kind: 'csv', headers: boundCells(header.record), rows };
}

function boundCells(cells: readonly string[]): string[] {
  return cells.slice(0, MAX_COLUMNS).map((cell) => (cell ?? '').slice(0, MAX_CELL_CHARS));
}

// --- XLSX ---------------------------------------------------------------------------------------

async function readXlsx(bytes: Buffer): Promise<BatchSheet> {
  checkZipBounds(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw fileInvalid('The .xlsx file could not be read: it is damaged or not an Excel workbook.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fileInvalid('The workbook has no worksheet.');
  const width = Math.min(sheet.columnCount, MAX_COLUMNS);
  if (sheet.rowCount - 1 > MAX_BATCH_ROWS * 20) {
    throw AppError.unprocessable(
      'BATCH_TOO_MANY_ROWS',
      `A batch holds at most ${MAX_BATCH_ROWS} rows; split the file. Nothing was applied.`,
    );
  }
  const read = (rowNumber: number): string[] => {
    const row = sheet.getRow(rowNumber);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++)
      cells.push(cellText(row.getCell(c).value).slice(0, MAX_CELL_CHARS));
    return cells;
  };
  const headers = read(1);
  if (headers.every((h) => h.trim() === ''))
    throw fileInvalid('The first row must hold the headers.');
  const rows: BatchSheetRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) rows.push({ number: r, cells: read(r) });
  return { kind: 'xlsx', headers, rows };
}

/**
 * A cell as the text a person sees. A formula counts as its cached result: the formula itself
 * is never read, stored or written back. A date cell holds a wall-clock time (Excel has no
 * zone), which exceljs hands over as a UTC Date: its UTC fields are that wall time.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return wallTimeText(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null || typeof result === 'object') {
      return result instanceof Date ? wallTimeText(result) : '';
    }
    return cellText(result as ExcelJS.CellValue);
  }
  if ('error' in value) return String(value.error);
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text);
  return '';
}

function wallTimeText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? day : `${day} ${time}`;
}

/**
 * Refuses a ZIP that would unpack past the bounds before exceljs unpacks it in memory: by the
 * sizes its directory declares, and by inflating each entry with the declared size as a hard
 * cap, so a directory that lies is caught too.
 */
function checkZipBounds(bytes: Buffer): void {
  const tooBig = () =>
    fileInvalid('The .xlsx file unpacks to more than a batch can hold; it was not read.');
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) throw fileInvalid('The .xlsx file is damaged (no ZIP directory).');
  const entries = bytes.readUInt16LE(eocd + 10);
  const directoryOffset = bytes.readUInt32LE(eocd + 16);
  if (entries > MAX_ZIP_ENTRIES) throw tooBig();
  let offset = directoryOffset;
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) {
      throw fileInvalid('The .xlsx file is damaged (bad ZIP directory).');
    }
    const method = bytes.readUInt16LE(offset + 10);
    const compressed = bytes.readUInt32LE(offset + 20);
    const declared = bytes.readUInt32LE(offset + 24);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const localOffset = bytes.readUInt32LE(offset + 42);
    total += declared;
    if (declared === 0xffffffff || total > MAX_UNZIPPED_BYTES) throw tooBig();
    if (method === 8) inflateWithin(bytes, localOffset, compressed, declared, tooBig);
    else if (method !== 0) throw fileInvalid('The .xlsx file uses an unknown compression.');
    offset += 46 + nameLength + extraLength + commentLength;
  }
}

function inflateWithin(
  bytes: Buffer,
  localOffset: number,
  compressed: number,
  declared: number,
  tooBig: () => AppError,
): void {
  if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== 0x04034b50) {
    throw fileInvalid('The .xlsx file is damaged (bad ZIP entry).');
  }
  const start =
    localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
  const data = bytes.subarray(start, start + compressed);
  try {
    // One byte over the declared size is enough to know the directory lied.
    inflateRawSync(data, { maxOutputLength: Math.max(1, declared + 1) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig();
    throw fileInvalid('The .xlsx file is damaged (an entry does not inflate).');
  }
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}
