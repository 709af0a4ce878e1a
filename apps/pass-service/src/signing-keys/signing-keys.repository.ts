import { Injectable } from '@nestjs/common';
import { createEvent, SigningKeyActivatedV1 } from '@app/contracts';
import { OutboxWriter } from '@app/messaging';
import { jwkThumbprint, publicJwkOf, type EcPublicJwk } from '@app/pass-token';
import { generateKeyPairSync } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { KeyEncryption } from './key-encryption';

export type KeyPurpose = 'pass' | 'access';
export type KeyStatus = 'active' | 'retired';

export interface SigningKeyRow {
  kid: string;
  purpose: KeyPurpose;
  public_jwk: EcPublicJwk;
  private_key_encrypted: string;
  status: KeyStatus;
  activated_at: Date;
  retired_at: Date | null;
}

/** Serialises key creation and rotation across replicas, inside the caller's transaction. */
const KEY_CHANGE_LOCK = "hashtext('pass-service:signing-keys')";

@Injectable()
export class SigningKeysRepository {
  constructor(
    private readonly encryption: KeyEncryption,
    private readonly outbox: OutboxWriter,
  ) {}

  async lockKeyChanges(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(${KEY_CHANGE_LOCK})`);
  }

  async findActive(manager: EntityManager, purpose: KeyPurpose): Promise<string | undefined> {
    const rows: { kid: string }[] = await manager.query(
      `SELECT kid FROM signing_keys WHERE purpose = $1 AND status = 'active'`,
      [purpose],
    );
    return rows[0]?.kid;
  }

  async retireActive(manager: EntityManager, purpose: KeyPurpose): Promise<void> {
    await manager.query(
      `UPDATE signing_keys SET status = 'retired', retired_at = now()
       WHERE purpose = $1 AND status = 'active'`,
      [purpose],
    );
  }

  /**
   * Creates a new active key. A pass key is announced with signing-key.activated in the same
   * transaction, so verifiers learn it no later than the first pass it signs.
   */
  async createActive(
    manager: EntityManager,
    purpose: KeyPurpose,
    producer: string,
  ): Promise<string> {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicJwk = publicJwkOf(privateKey);
    const kid = jwkThumbprint(publicJwk);
    await manager.query(
      `INSERT INTO signing_keys (kid, purpose, public_jwk, private_key_encrypted, status)
       VALUES ($1, $2, $3, $4, 'active')`,
      [kid, purpose, JSON.stringify(publicJwk), this.encryption.encrypt(privateKey, kid)],
    );
    if (purpose === 'pass') {
      await this.outbox.append(manager, [
        createEvent(SigningKeyActivatedV1, { kid, publicJwk }, { producer, key: kid }),
      ]);
    }
    return kid;
  }

  async listAll(manager: EntityManager): Promise<SigningKeyRow[]> {
    return manager.query(
      `SELECT kid, purpose, public_jwk, private_key_encrypted, status, activated_at, retired_at
       FROM signing_keys`,
    );
  }

  /** Pass keys a verifier still needs: the active one, and retired ones with a pass not yet expired. */
  async publishedPassKeys(manager: EntityManager): Promise<{ kid: string; jwk: EcPublicJwk }[]> {
    return manager.query(
      `SELECT k.kid, k.public_jwk AS jwk FROM signing_keys k
       WHERE k.purpose = 'pass' AND (k.status = 'active' OR EXISTS (
         SELECT 1 FROM passes p WHERE p.kid = k.kid AND p.valid_until > now()))
       ORDER BY k.activated_at DESC`,
    );
  }

  /** Access keys whose tokens may still be unexpired: the active one and those retired within a token's lifetime. */
  async publishedAccessKeys(
    manager: EntityManager,
    tokenTtlSeconds: number,
  ): Promise<{ kid: string; jwk: EcPublicJwk }[]> {
    return manager.query(
      `SELECT kid, public_jwk AS jwk FROM signing_keys
       WHERE purpose = 'access'
         AND (status = 'active' OR retired_at > now() - make_interval(secs => $1))
       ORDER BY activated_at DESC`,
      [tokenTtlSeconds],
    );
  }
}
