import { rowMismatch, type Row } from '@app/database';
import type { EcPublicJwk } from '@app/pass-token';

/** A jsonb column holding an EC P-256 public JWK: only its four members are kept. */
export function publicJwk(row: Row, column: string): EcPublicJwk {
  const value = row[column];
  const jwk = typeof value === 'object' && value !== null ? (value as Row) : {};
  const { kty, crv, x, y } = jwk;
  if (kty !== 'EC' || crv !== 'P-256' || typeof x !== 'string' || typeof y !== 'string') {
    throw rowMismatch(column, 'an EC P-256 public JWK', value);
  }
  return { kty, crv, x, y };
}
