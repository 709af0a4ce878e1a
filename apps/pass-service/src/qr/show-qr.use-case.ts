import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { GetPassUseCase } from '../passes/get-pass.use-case';
import { issuedPassFor } from './issued-pass';
import { QrRenderer, type QrFormat, type RenderedQr } from './qr-renderer';

/** The QR picture of an issued pass the caller may see. */
@Injectable()
export class ShowQrUseCase {
  constructor(
    private readonly getPass: GetPassUseCase,
    private readonly renderer: QrRenderer,
  ) {}

  async execute(user: AuthenticatedUser, id: string, format: QrFormat): Promise<RenderedQr> {
    const pass = await issuedPassFor(this.getPass, user, id);
    return this.renderer.render(pass.id, pass.token, format);
  }
}
