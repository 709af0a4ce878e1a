/**
 * Reading a database row at a repository's boundary. The driver hands back untyped rows (bigint
 * as text, timestamptz as Date); each reader checks one column and converts it, so a record is
 * whole and typed or the read fails with the column at fault. A mismatch is schema drift, never
 * user input, so it is a plain Error (a 500). Plain checks, no schema library: some of these reads
 * sit on the verification path.
 */
export type Row = Readonly<Record<string, unknown>>;

/** The error of a column whose value is not what the record needs (schema drift: a 500). */
export function rowMismatch(column: string, expected: string, value: unknown): Error {
  return new Error(`column ${column}: expected ${expected}, got ${JSON.stringify(value)}`);
}

export function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw rowMismatch(column, 'text', value);
  return value;
}

export function nullableText(row: Row, column: string): string | null {
  return row[column] === null ? null : text(row, column);
}

export function oneOf<T extends string>(row: Row, column: string, values: readonly T[]): T {
  const value = row[column];
  if (!values.includes(value as T)) throw rowMismatch(column, values.join(' | '), value);
  return value as T;
}

export function nullableOneOf<T extends string>(
  row: Row,
  column: string,
  values: readonly T[],
): T | null {
  return row[column] === null ? null : oneOf(row, column, values);
}

export function bool(row: Row, column: string): boolean {
  const value = row[column];
  if (typeof value !== 'boolean') throw rowMismatch(column, 'a boolean', value);
  return value;
}

/** integer arrives as a number, bigint as text; either must be a safe integer. */
export function integer(row: Row, column: string): number {
  const value = row[column];
  const parsed = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof parsed !== 'number' || !Number.isSafeInteger(parsed)) {
    throw rowMismatch(column, 'a safe integer', value);
  }
  return parsed;
}

export function nullableInteger(row: Row, column: string): number | null {
  return row[column] === null ? null : integer(row, column);
}

export function nullableNumber(row: Row, column: string): number | null {
  const value = row[column];
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw rowMismatch(column, 'a finite number', value);
  }
  return value;
}

export function instant(row: Row, column: string): Date {
  const value = row[column];
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw rowMismatch(column, 'a timestamp', value);
  }
  return value;
}

export function nullableInstant(row: Row, column: string): Date | null {
  return row[column] === null ? null : instant(row, column);
}

export function textArray(row: Row, column: string): string[] {
  const value = row[column];
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw rowMismatch(column, 'a text array', value);
  }
  return value;
}

/** A sum cast to text: an exact integer that may pass 2^53, so it stays a decimal string. */
export function integerText(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) {
    throw rowMismatch(column, 'an integer as text', value);
  }
  return value;
}
