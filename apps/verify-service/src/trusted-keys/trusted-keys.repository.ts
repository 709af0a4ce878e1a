import { Injectable } from '@nestjs/common';
import type { EcPublicJwk } from '@app/pass-token';
import { DataSource, type EntityManager } from 'typeorm';
import type { TrustedKeySource } from './trusted-key';

export interface TrustedKeyRow {
  kid: string;
  public_jwk: EcPublicJwk;
  source: TrustedKeySource;
  fetched_at: Date;
}

@Injectable()
export class TrustedKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Upserts and returns the stored rows, whose fetched_at is the database's clock. */
  async upsert(
    manager: EntityManager,
    keys: readonly { kid: string; jwk: EcPublicJwk }[],
    source: TrustedKeySource,
  ): Promise<TrustedKeyRow[]> {
    if (keys.length === 0) return [];
    return manager.query(
      `INSERT INTO trusted_keys (kid, public_jwk, source)
       SELECT * FROM unnest($1::text[], $2::jsonb[], $3::text[])
       ON CONFLICT (kid) DO UPDATE SET fetched_at = now()
       RETURNING kid, public_jwk, source, fetched_at`,
      [keys.map((k) => k.kid), keys.map((k) => JSON.stringify(k.jwk)), keys.map(() => source)],
    );
  }

  findAll(): Promise<TrustedKeyRow[]> {
    return this.dataSource.query(
      'SELECT kid, public_jwk, source, fetched_at FROM trusted_keys ORDER BY fetched_at, kid',
    );
  }
}
