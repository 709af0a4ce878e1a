import { Injectable } from '@nestjs/common';
import type { EcPublicJwk } from '@app/pass-token';
import { DataSource, type EntityManager } from 'typeorm';
import { type Row } from '@app/database';
import type { TrustedKeySource } from './trusted-key';
import {
  TRUSTED_KEY_COLUMNS,
  trustedKeyFromRow,
  type TrustedKeyRecord,
} from './trusted-key.record';

@Injectable()
export class TrustedKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Upserts and returns the stored keys, whose fetchedAt is the database's clock. */
  async upsert(
    manager: EntityManager,
    keys: readonly { kid: string; jwk: EcPublicJwk }[],
    source: TrustedKeySource,
  ): Promise<TrustedKeyRecord[]> {
    if (keys.length === 0) return [];
    const rows: Row[] = await manager.query(
      `INSERT INTO trusted_keys (kid, public_jwk, source)
       SELECT * FROM unnest($1::text[], $2::jsonb[], $3::text[])
       ON CONFLICT (kid) DO UPDATE SET fetched_at = now()
       RETURNING ${TRUSTED_KEY_COLUMNS}`,
      [keys.map((k) => k.kid), keys.map((k) => JSON.stringify(k.jwk)), keys.map(() => source)],
    );
    return rows.map(trustedKeyFromRow);
  }

  async findAll(): Promise<TrustedKeyRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${TRUSTED_KEY_COLUMNS} FROM trusted_keys ORDER BY fetched_at, kid`,
    );
    return rows.map(trustedKeyFromRow);
  }
}
