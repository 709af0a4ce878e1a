import { Injectable } from '@nestjs/common';
import { createEvent, SigningKeyActivatedV1 } from '@app/contracts';
import { OutboxWriter } from '@app/messaging';
import { jwkThumbprint, passKeyId, publicJwkOf, type EcPublicJwk } from '@app/pass-token';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { KeyEncryption } from './key-encryption';
import { z } from 'zod';

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
/** A short kid is taken by chance once in 2^48 draws; a run of them means a broken generator. */
const MAX_KEY_DRAWS = 5;

export type KeyGenerator = () => KeyObject;

const newP256Key: KeyGenerator = () =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

export const rotationResultSchema = z.strictObject({
  kid: z.string().describe('The new active pass-signing key.'),
  retiredKid: z
    .string()
    .nullable()
    .describe('The key it replaces: still published until its passes have expired.'),
});

export type RotationResult = z.infer<typeof rotationResultSchema>;

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
   * Retires the active key of `purpose` and activates a new one. The caller holds the key-change
   * lock; the retired key stays published while a pass it signed is still valid.
   */
  async rotate(
    manager: EntityManager,
    purpose: KeyPurpose,
    producer: string,
  ): Promise<RotationResult> {
    const retiredKid = (await this.findActive(manager, purpose)) ?? null;
    await this.retireActive(manager, purpose);
    const kid = await this.createActive(manager, purpose, producer);
    return { kid, retiredKid };
  }

  /**
   * Creates a new active key. A pass key is announced with signing-key.activated in the same
   * transaction, so verifiers learn it no later than the first pass it signs. The caller holds
   * the key-change lock, so the kid it checks as free is still free when it is inserted.
   */
  async createActive(
    manager: EntityManager,
    purpose: KeyPurpose,
    producer: string,
    generate: KeyGenerator = newP256Key,
  ): Promise<string> {
    const { privateKey, publicJwk, kid } = await this.drawKey(manager, purpose, generate);
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

  /**
   * A pass key's kid is the first 8 characters of its thumbprint (it is in every QR), so a new
   * key whose kid is already taken, or is the start of a legacy full-thumbprint kid, is thrown
   * away and another drawn: a kid names one key, ever. Access-token kids stay whole thumbprints.
   */
  private async drawKey(
    manager: EntityManager,
    purpose: KeyPurpose,
    generate: KeyGenerator,
  ): Promise<{ privateKey: KeyObject; publicJwk: EcPublicJwk; kid: string }> {
    for (let draw = 0; draw < MAX_KEY_DRAWS; draw++) {
      const privateKey = generate();
      const publicJwk = publicJwkOf(privateKey);
      if (purpose === 'access') return { privateKey, publicJwk, kid: jwkThumbprint(publicJwk) };
      const kid = passKeyId(publicJwk);
      const taken: unknown[] = await manager.query(
        `SELECT 1 FROM signing_keys WHERE starts_with(kid, $1)`,
        [kid],
      );
      if (taken.length === 0) return { privateKey, publicJwk, kid };
    }
    throw new Error(`no free pass kid in ${MAX_KEY_DRAWS} draws: is the key generator random?`);
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
