import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { DataSource } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import { GetPassUseCase } from '../passes/get-pass.use-case';
import { issuedPassFor } from './issued-pass';
import { renderPrintPage } from './print-page';
import { QrRenderer } from './qr-renderer';

/** The printable page of an issued pass (HTML): its QR, its details and its enterprise's name. */
@Injectable()
export class PrintPassUseCase {
  constructor(
    private readonly getPass: GetPassUseCase,
    private readonly renderer: QrRenderer,
    private readonly enterprises: EnterprisesRepository,
    private readonly dataSource: DataSource,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {}

  async execute(user: AuthenticatedUser, id: string): Promise<string> {
    const pass = await issuedPassFor(this.getPass, user, id);
    const qr = await this.renderer.render(pass.id, pass.token, 'svg');
    const enterprise = await this.enterprises.findById(this.dataSource.manager, pass.enterpriseId);
    return renderPrintPage({
      pass,
      enterpriseName: enterprise?.name ?? '',
      qrSvg: qr.body.toString('utf8'),
      timeZone: this.config.passRules.timeZone,
    });
  }
}
