import { instant, oneOf, text, type Row } from '@app/database';
import { publicJwk } from '../database/public-jwk-column';
import { TRUSTED_KEY_SOURCES, type TrustedKey } from './trusted-key';

/** A trusted key as stored: everything but the parsed KeyObject. */
export type TrustedKeyRecord = Omit<TrustedKey, 'publicKey'>;

export const TRUSTED_KEY_COLUMNS = 'kid, public_jwk, source, fetched_at';

/** Reads a row of TRUSTED_KEY_COLUMNS; public_jwk (jsonb) must be a P-256 public key. */
export function trustedKeyFromRow(row: Row): TrustedKeyRecord {
  return {
    kid: text(row, 'kid'),
    jwk: publicJwk(row, 'public_jwk'),
    source: oneOf(row, 'source', TRUSTED_KEY_SOURCES),
    fetchedAt: instant(row, 'fetched_at'),
  };
}
