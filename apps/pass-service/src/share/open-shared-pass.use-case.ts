import { Injectable } from '@nestjs/common';
import { Clock } from '@app/platform';
import { DataSource } from 'typeorm';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import { QrRenderer } from '../qr/qr-renderer';
import { PassSharesRepository } from './pass-shares.repository';
import { sharedPassNotFound } from './share-errors';
import { hashShareSecret, isShareSecretShape } from './share-secret';
import { toSharedPassView, type SharedPassView } from './shared-pass.view';

/**
 * The driver's page, opened by its secret alone (no sign-in). Cheap by construction: a text that
 * cannot be a secret costs no query, a real lookup is one unique-index probe on the hash, the
 * enterprise comes from the repository's cache and the QR from the renderer's.
 */
@Injectable()
export class OpenSharedPassUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly shares: PassSharesRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly renderer: QrRenderer,
    private readonly clock: Clock,
  ) {}

  async execute(secret: string): Promise<SharedPassView> {
    if (!isShareSecretShape(secret)) throw sharedPassNotFound();
    const manager = this.dataSource.manager;
    const pass = await this.shares.findLivePass(manager, hashShareSecret(secret));
    if (!pass) throw sharedPassNotFound();
    const enterprise = await this.enterprises.findById(manager, pass.enterpriseId);
    const qr =
      pass.status === 'issued' && pass.token
        ? (await this.renderer.render(pass.id, pass.token, 'svg')).body.toString('utf8')
        : null;
    return toSharedPassView(pass, enterprise?.name ?? '', qr, this.clock.now());
  }
}
