import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { SigningKeyStore } from './signing-key.store';
import { SigningKeysRepository, type RotationResult } from './signing-keys.repository';

export type { RotationResult };

/**
 * Retires the active pass key and activates a new one, with signing-key.activated in the same
 * transaction. The retired key stays in the JWKS until the last pass it signed has expired.
 */
@Injectable()
export class RotatePassKeyUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SigningKeysRepository,
    private readonly store: SigningKeyStore,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {}

  async execute(): Promise<RotationResult> {
    const result = await this.dataSource.transaction(async (manager) => {
      await this.repository.lockKeyChanges(manager);
      return this.repository.rotate(manager, 'pass', this.config.serviceName);
    });
    await this.store.reload();
    return result;
  }
}
