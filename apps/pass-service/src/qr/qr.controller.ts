import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { AppError } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import { ListPassesUseCase } from '../passes/list-passes.use-case';
import { PassIdPipe } from '../passes/pass-id.pipe';
import type { PassRecord } from '../passes/pass.record';
import { matchesEtag } from '../signing-keys/jwks';
import { renderPrintPage } from './print-page';
import { QrRenderer, type QrFormat } from './qr-renderer';

/** Private: the picture is as confidential as the pass. Immutable: a pass's token never changes. */
const QR_CACHE_CONTROL = 'private, max-age=31536000, immutable';

@ApiTags('passes')
@ApiBearerAuth()
@Controller('v1/passes/:id')
export class QrController {
  constructor(
    private readonly passes: ListPassesUseCase,
    private readonly renderer: QrRenderer,
    private readonly enterprises: EnterprisesRepository,
    private readonly dataSource: DataSource,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {}

  @Roles('enterprise', 'official', 'admin')
  @Get('qr.svg')
  svg(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PassIdPipe) id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.sendQr(user, id, 'svg', ifNoneMatch, reply);
  }

  @Roles('enterprise', 'official', 'admin')
  @Get('qr.png')
  png(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PassIdPipe) id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.sendQr(user, id, 'png', ifNoneMatch, reply);
  }

  @Roles('enterprise', 'official', 'admin')
  @Get('print')
  async print(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PassIdPipe) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const pass = await this.passWithToken(user, id);
    const qr = await this.renderer.render(pass.id, pass.token, 'svg');
    const enterprise = await this.enterprises.findById(this.dataSource.manager, pass.enterpriseId);
    const html = renderPrintPage({
      pass,
      enterpriseName: enterprise?.name ?? '',
      qrSvg: qr.body.toString('utf8'),
      timeZone: this.config.passRules.timeZone,
    });
    await reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'private, no-cache')
      .send(html);
  }

  private async sendQr(
    user: AuthenticatedUser,
    id: string,
    format: QrFormat,
    ifNoneMatch: string | undefined,
    reply: FastifyReply,
  ): Promise<void> {
    const pass = await this.passWithToken(user, id);
    const qr = await this.renderer.render(pass.id, pass.token, format);
    void reply.header('etag', qr.etag).header('cache-control', QR_CACHE_CONTROL);
    if (matchesEtag(ifNoneMatch, qr.etag)) {
      await reply.status(304).send();
      return;
    }
    await reply.header('content-type', qr.contentType).send(qr.body);
  }

  /** Visibility first (another enterprise's pass is not found), then: only an issued pass has a QR. */
  private async passWithToken(
    user: AuthenticatedUser,
    id: string,
  ): Promise<PassRecord & { token: string; passNumber: string }> {
    const pass = await this.passes.get(user, id);
    if (pass.status !== 'issued' || !pass.token || !pass.passNumber) {
      throw AppError.conflict(
        'PASS_STATE_CONFLICT',
        `A pass that is ${pass.status} has no QR code to show.`,
      ).withParams({ status: pass.status });
    }
    return { ...pass, token: pass.token, passNumber: pass.passNumber };
  }
}
