/** Excel only reads a CSV as UTF-8 (and so shows Chinese names) when the file starts with a BOM. */
export const UTF8_BOM = '\uFEFF';

/**
 * RFC 4180 quoting. A field that starts with = + - @ is prefixed with an apostrophe, or a
 * spreadsheet would run it as a formula (an enterprise name is free text).
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: BOM, header, rows, CRLF line ends. */
export function toCsv(
  header: readonly string[],
  rows: readonly (string | number | null)[][],
): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
