import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { Contract, type OperationContract } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { PassIdPipe } from '../passes/pass-id.pipe';
import { matchesEtag } from '../signing-keys/jwks';
import { PrintPassUseCase } from './print-pass.use-case';
import type { QrFormat } from './qr-renderer';
import { ShowQrUseCase } from './show-qr.use-case';

/** Private: the picture is as confidential as the pass. Immutable: a pass's token never changes. */
const QR_CACHE_CONTROL = 'private, max-age=31536000, immutable';

const conditionalHeaders = z.object({
  'if-none-match': z.string().optional().describe('The ETag of a copy the client holds.'),
});

const qrContract = (media: 'image/svg+xml' | 'image/png'): OperationContract => ({
  summary: `The QR code of an issued pass (${media === 'image/png' ? 'PNG' : 'SVG'})`,
  description: 'Cacheable for good (the token never changes): send If-None-Match for a 304.',
  headers: conditionalHeaders,
  responses: {
    200: { media, description: 'The QR code of the pass token' },
    304: null,
  },
  errors: { 404: ['PASS_NOT_FOUND'], 409: ['PASS_STATE_CONFLICT'] },
});

@ApiTags('passes')
@ApiBearerAuth()
@Controller('v1/passes/:id')
export class QrController {
  constructor(
    private readonly showQr: ShowQrUseCase,
    private readonly printPass: PrintPassUseCase,
  ) {}

  @Contract(qrContract('image/svg+xml'))
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

  @Contract(qrContract('image/png'))
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

  @Contract({
    summary: 'A printable page of an issued pass (HTML)',
    responses: { 200: { media: 'text/html', description: 'The page, with its QR inline' } },
    errors: { 404: ['PASS_NOT_FOUND'], 409: ['PASS_STATE_CONFLICT'] },
  })
  @Roles('enterprise', 'official', 'admin')
  @Get('print')
  async print(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PassIdPipe) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const html = await this.printPass.execute(user, id);
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
    const qr = await this.showQr.execute(user, id, format);
    void reply.header('etag', qr.etag).header('cache-control', QR_CACHE_CONTROL);
    if (matchesEtag(ifNoneMatch, qr.etag)) {
      await reply.status(304).send();
      return;
    }
    await reply.header('content-type', qr.contentType).send(qr.body);
  }
}
