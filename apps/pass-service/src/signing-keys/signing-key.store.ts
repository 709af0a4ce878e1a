import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PeriodicTask } from '@app/platform';
import { isLegacyPassKid, publicKeyFromJwk, type PassSigningKey } from '@app/pass-token';
import type { KeyObject } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { KeyEncryption } from './key-encryption';
import { SigningKeysRepository, type KeyPurpose } from './signing-keys.repository';

/** Another replica may rotate; this is how stale the active key may be here, which is safe because retired keys stay published. */
const REFRESH_INTERVAL_MS = 30_000;
/** An unknown access-token kid reloads at most this often, so forged tokens cannot flood the database. */
const MISS_RELOAD_INTERVAL_MS = 5_000;

interface LoadedKeys {
  active: Partial<Record<KeyPurpose, PassSigningKey>>;
  accessPublicKeys: Map<string, KeyObject>;
}

/**
 * The signing keys in memory, parsed into KeyObjects once (signing with a PEM re-parses it on
 * every call). Creates the first pass and access keys at start-up when there are none.
 */
@Injectable()
export class SigningKeyStore implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SigningKeyStore.name);
  private keys: LoadedKeys = { active: {}, accessPublicKeys: new Map() };
  private lastMissReload = 0;
  private readonly refreshing = new PeriodicTask('key refresh', () => this.reload(), this.logger);

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SigningKeysRepository,
    private readonly encryption: KeyEncryption,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureActiveKeys();
    await this.reload();
    this.refreshing.start(REFRESH_INTERVAL_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.refreshing.stop();
  }

  /**
   * Two replicas starting at once both get here; the advisory lock lets only one create each key.
   * An active pass key with a legacy full-thumbprint kid is rotated to a short-kid key, the same
   * rotation (and signing-key.activated) as the admin's: new QRs get the short kid at once, and
   * the old key stays published until the last pass it signed has expired.
   */
  private async ensureActiveKeys(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.repository.lockKeyChanges(manager);
      const producer = this.config.serviceName;
      for (const purpose of ['pass', 'access'] as const) {
        const active = await this.repository.findActive(manager, purpose);
        if (!active) {
          const kid = await this.repository.createActive(manager, purpose, producer);
          this.logger.log(`created the first ${purpose} signing key ${kid}`);
        } else if (purpose === 'pass' && isLegacyPassKid(active)) {
          const { kid } = await this.repository.rotate(manager, purpose, producer);
          this.logger.log(`rotated the pass key ${active} (legacy kid) to ${kid}`);
        }
      }
    });
  }

  async reload(): Promise<void> {
    const rows = await this.repository.listAll(this.dataSource.manager);
    const next: LoadedKeys = { active: {}, accessPublicKeys: new Map() };
    for (const row of rows) {
      if (row.status === 'active') {
        next.active[row.purpose] = {
          kid: row.kid,
          privateKey: this.encryption.decrypt(row.private_key_encrypted, row.kid),
        };
      }
      if (row.purpose === 'access')
        next.accessPublicKeys.set(row.kid, publicKeyFromJwk(row.public_jwk));
    }
    this.keys = next;
  }

  activeKey(purpose: KeyPurpose): PassSigningKey {
    const key = this.keys.active[purpose];
    if (!key) throw new Error(`no active ${purpose} signing key is loaded`);
    return key;
  }

  /** The public key of an access-token kid; the guard asks on every request. */
  async accessPublicKey(kid: string): Promise<KeyObject | undefined> {
    const known = this.keys.accessPublicKeys.get(kid);
    if (known) return known;
    if (Date.now() - this.lastMissReload < MISS_RELOAD_INTERVAL_MS) return undefined;
    this.lastMissReload = Date.now();
    await this.reload();
    return this.keys.accessPublicKeys.get(kid);
  }
}
