import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '@app/auth';
import { Contract, SECRET_IN_URL } from '@app/platform';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PassIdPipe } from '../passes/pass-id.pipe';
import { renderQr } from '../qr/qr-renderer';
import { CreatePassShareUseCase } from './create-pass-share.use-case';
import { DescribePassShareUseCase } from './describe-pass-share.use-case';
import { OpenSharedPassUseCase } from './open-shared-pass.use-case';
import { driverPagePath } from './share-secret';
import { sharedPassViewSchema, type SharedPassView } from './shared-pass.view';
import { WithdrawPassShareUseCase } from './withdraw-pass-share.use-case';

const shareAnswerSchema = z
  .strictObject({
    url: z
      .string()
      .describe("The driver's page with the secret in its fragment: shown once, never stored."),
    path: z.string().describe('The same, without the origin.'),
    expiresAt: z.iso.datetime(),
    createdAt: z.iso.datetime(),
    replaced: z.boolean().describe('Whether an earlier link of this pass stopped working.'),
    qrSvg: z
      .string()
      .describe("A QR of `url`, for the driver to scan from the enterprise's screen."),
  })
  .meta({ id: 'PassShare' });

export type ShareAnswer = z.infer<typeof shareAnswerSchema>;

const shareStateSchema = z.strictObject({
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  active: z.boolean(),
});

/**
 * The origin this request came to (behind a proxy listed in TRUSTED_PROXIES, the one it forwards
 * for). The answer goes back to the enterprise that asked, so a made-up Host misleads only itself.
 */
function originOf(request: FastifyRequest): string {
  try {
    return new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return '';
  }
}

@ApiTags('passes')
@ApiBearerAuth()
@Controller('v1/passes/:id/share')
export class PassShareController {
  constructor(
    private readonly create: CreatePassShareUseCase,
    private readonly withdraw: WithdrawPassShareUseCase,
    private readonly describe: DescribePassShareUseCase,
  ) {}

  @Contract({
    summary: "A link for the driver's phone",
    description: 'An earlier link of this pass stops working. The answer is never cached.',
    responses: { 201: shareAnswerSchema },
    errors: { 404: ['PASS_NOT_FOUND'], 409: ['PASS_STATE_CONFLICT'] },
  })
  /** A new link for the driver's phone; an earlier one of this pass stops working. */
  @Roles('enterprise')
  @Post()
  @HttpCode(201)
  async share(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PassIdPipe) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ShareAnswer> {
    const share = await this.create.execute(user, id);
    // The secret is in this answer only: no cache of any kind may keep it.
    void reply.header('cache-control', 'no-store');
    const path = driverPagePath(share.secret);
    const url = `${originOf(request)}${path}`;
    return {
      url,
      path,
      expiresAt: share.expiresAt.toISOString(),
      createdAt: share.createdAt.toISOString(),
      replaced: share.replaced,
      qrSvg: (await renderQr(url, 'svg')).toString('utf8'),
    };
  }

  @Contract({
    summary: "Whether the pass has a driver's link, and until when",
    responses: { 200: shareStateSchema },
    errors: { 404: ['PASS_NOT_FOUND', 'SHARE_NOT_FOUND'] },
  })
  @Roles('enterprise')
  @Get()
  async state(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PassIdPipe) id: string,
  ): Promise<{ createdAt: string; expiresAt: string; active: boolean }> {
    const state = await this.describe.execute(user, id);
    return {
      createdAt: state.createdAt.toISOString(),
      expiresAt: state.expiresAt.toISOString(),
      active: state.active,
    };
  }

  @Contract({
    summary: "Withdraw the driver's link",
    description: '204 whether or not there was a link.',
    responses: { 204: null },
    errors: { 404: ['PASS_NOT_FOUND'] },
  })
  /** 204 whether or not there was a link (withdrawing twice is not an error). */
  @Roles('enterprise')
  @Delete()
  @HttpCode(204)
  async unshare(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PassIdPipe) id: string,
  ): Promise<void> {
    await this.withdraw.execute(user, id);
  }
}

@ApiTags('shared passes')
@Controller('v1/shared-passes')
export class SharedPassesController {
  constructor(private readonly open: OpenSharedPassUseCase) {}

  @Contract({
    summary: "The driver's page: the pass behind a shared link",
    description:
      'No sign-in: the secret is the credential. No driver name or phone; the QR only while issued.',
    responses: { 200: sharedPassViewSchema },
    errors: { 404: ['SHARED_PASS_NOT_FOUND'] },
  })
  /**
   * The driver's page data, for whoever holds the link: no sign-in. 404 SHARED_PASS_NOT_FOUND for
   * anything else. The secret is in the path, so the request log shows the route's pattern only.
   */
  @Public()
  @Get(':secret')
  @RouteConfig(SECRET_IN_URL)
  async shared(
    @Param('secret') secret: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SharedPassView> {
    const view = await this.open.execute(secret);
    // The page's service worker keeps its own copy; nothing in between should.
    void reply.header('cache-control', 'no-store');
    return view;
  }
}
