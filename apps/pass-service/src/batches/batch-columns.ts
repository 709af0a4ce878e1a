import { CARGO_CATEGORIES, CARGO_CATEGORY_LABELS, type CargoCategory } from '@app/domain';

/** The application fields a spreadsheet row fills, in the template's column order. */
export type BatchField =
  | 'plate'
  | 'trailerPlate'
  | 'driverName'
  | 'driverPhone'
  | 'cargoCategory'
  | 'cargoDescription'
  | 'tonnage'
  | 'originDivision'
  | 'destinationDivision'
  | 'validFrom'
  | 'validUntil';

export interface BatchColumn {
  field: BatchField;
  /** The template's header; a file may also use the API's field name as its header. */
  header: string;
  required: boolean;
  /** Shown under the headers of the template, so the sheet explains itself. */
  hint: string;
}

export const BATCH_COLUMNS: readonly BatchColumn[] = [
  { field: 'plate', header: '车牌号', required: true, hint: '豫B12345' },
  { field: 'trailerPlate', header: '挂车车牌', required: false, hint: '牵引车的挂车, 可空' },
  { field: 'driverName', header: '司机姓名', required: true, hint: '1–50 字' },
  { field: 'driverPhone', header: '司机手机', required: true, hint: '11 位手机号' },
  { field: 'cargoCategory', header: '货物类别', required: true, hint: '见“代码表”' },
  { field: 'cargoDescription', header: '货物说明', required: false, hint: '可空, ≤200 字' },
  { field: 'tonnage', header: '吨位', required: true, hint: '吨, 最多 3 位小数' },
  { field: 'originDivision', header: '起点区划代码', required: true, hint: '县级 6 位代码' },
  { field: 'destinationDivision', header: '终点区划代码', required: true, hint: '县级 6 位代码' },
  { field: 'validFrom', header: '生效时间', required: true, hint: 'YYYY-MM-DD [HH:mm]' },
  { field: 'validUntil', header: '失效时间', required: true, hint: 'YYYY-MM-DD [HH:mm]' },
];

const COLUMN_BY_FIELD = new Map(BATCH_COLUMNS.map((c) => [c.field, c]));

export function columnOf(field: string): BatchColumn | undefined {
  return COLUMN_BY_FIELD.get(field as BatchField);
}

/** Header text → field: the Chinese header or the API's field name, case and spaces ignored. */
const FIELD_BY_HEADER = new Map<string, BatchField>(
  BATCH_COLUMNS.flatMap((c) => [
    [squash(c.header), c.field],
    [squash(c.field), c.field],
  ]),
);

function squash(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

export interface HeaderMap {
  /** For each field, the index of its column in the file's rows (absent: not in the file). */
  indexOf: Map<BatchField, number>;
  /** The required columns the header row lacks. */
  missing: BatchColumn[];
}

export function mapHeaders(headers: readonly string[]): HeaderMap {
  const indexOf = new Map<BatchField, number>();
  headers.forEach((header, i) => {
    const field = FIELD_BY_HEADER.get(squash(header));
    if (field && !indexOf.has(field)) indexOf.set(field, i);
  });
  const missing = BATCH_COLUMNS.filter((c) => c.required && !indexOf.has(c.field));
  return { indexOf, missing };
}

/** Cargo as the API's identifier, or as its Chinese or English label (what the template lists). */
const CARGO_BY_TEXT = new Map<string, CargoCategory>(
  CARGO_CATEGORIES.flatMap((code) => [
    [squash(code), code],
    [squash(CARGO_CATEGORY_LABELS[code].zh), code],
    [squash(CARGO_CATEGORY_LABELS[code].en), code],
  ]),
);

/**
 * A row's cells as the body of a single application: the same schema then judges it. Only the
 * spreadsheet's spellings are translated here (a cargo label, a date without a zone, an empty
 * optional cell); every rule stays the application schema's and the use case's.
 */
export function applicationInputOf(
  cells: readonly string[],
  headers: HeaderMap,
  timeZone: string,
): Record<string, string> {
  const input: Record<string, string> = {};
  for (const [field, index] of headers.indexOf) {
    const text = (cells[index] ?? '').trim();
    if (text === '') continue;
    if (field === 'cargoCategory') input[field] = CARGO_BY_TEXT.get(squash(text)) ?? text;
    else if (field === 'validFrom') input[field] = instantText(text, timeZone, false);
    else if (field === 'validUntil') input[field] = instantText(text, timeZone, true);
    else input[field] = text;
  }
  return input;
}

const DATE_ONLY = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const WALL_TIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A date or a wall-clock time without a zone is read in the pass time zone, as the person who
 * typed it meant it; a date alone starts at 00:00 and, for validUntil, ends at 23:59:59. Text
 * that already names its zone, and anything else, goes to the schema unchanged.
 */
export function instantText(text: string, timeZone: string, endOfDay: boolean): string {
  const date = DATE_ONLY.exec(text);
  if (date) {
    const [h, m, s] = endOfDay ? [23, 59, 59] : [0, 0, 0];
    return zonedIso(+date[1], +date[2], +date[3], h, m, s, timeZone);
  }
  const wall = WALL_TIME.exec(text);
  if (wall) {
    return zonedIso(+wall[1], +wall[2], +wall[3], +wall[4], +wall[5], +(wall[6] ?? 0), timeZone);
  }
  return text;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO-8601 with the zone's offset at that wall time (two passes settle a DST change). */
function zonedIso(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): string {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  let offset = offsetMinutes(wall, timeZone);
  offset = offsetMinutes(wall - offset * 60_000, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const local = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function offsetMinutes(instant: number, timeZone: string): number {
  if (!Number.isFinite(instant)) return 0;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}
