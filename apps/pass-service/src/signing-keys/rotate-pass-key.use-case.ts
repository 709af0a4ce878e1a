import { Inject, Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
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
    private readonly audit: AuditTrail,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {}

  async execute(user: AuthenticatedUser): Promise<RotationResult> {
    const result = await this.dataSource.transaction(async (manager) => {
      await this.repository.lockKeyChanges(manager);
      const rotation = await this.repository.rotate(manager, 'pass', this.config.serviceName);
      // Keys are nationwide: the entry has no division, so only the admin reads it.
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'signing-key.rotated',
        target: { type: 'signing-key', id: rotation.kid },
        divisionCode: null,
        details: { retiredKid: rotation.retiredKid },
      });
      return rotation;
    });
    await this.store.reload();
    return result;
  }
}
