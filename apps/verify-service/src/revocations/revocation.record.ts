import { instant, integer, text, type Row } from '@app/database';

/** A revoked pass as stored, with the list version at which it was revoked. */
export interface RevocationRecord {
  passId: string;
  passNumber: string;
  validUntil: Date;
  /** bigint in the table; versions stay far below 2^53. */
  version: number;
}

export const REVOCATION_COLUMNS = 'pass_id, pass_number, valid_until, version';

/** Reads a row of REVOCATION_COLUMNS; version (bigint) arrives as text. */
export function revocationFromRow(row: Row): RevocationRecord {
  return {
    passId: text(row, 'pass_id'),
    passNumber: text(row, 'pass_number'),
    validUntil: instant(row, 'valid_until'),
    version: integer(row, 'version'),
  };
}
