import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '@app/auth';
import { SECRET_IN_URL } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PassIdPipe } from '../passes/pass-id.pipe';
import { renderQr } from '../qr/qr-renderer';
import { CreatePassShareUseCase } from './create-pass-share.use-case';
import { DescribePassShareUseCase } from './describe-pass-share.use-case';
import { OpenSharedPassUseCase } from './open-shared-pass.use-case';
import { driverPagePath } from './share-secret';
import type { SharedPassView } from './shared-pass.view';
import { WithdrawPassShareUseCase } from './withdraw-pass-share.use-case';

export interface ShareAnswer {
  /** The driver's page with the secret in its fragment: shown once, never stored. */
  url: string;
  /** The same, without the origin (for a client that knows where it talks to). */
  path: string;
  expiresAt: string;
  createdAt: string;
  replaced: boolean;
  /** A QR of `url`, for the driver to scan from the enterprise's screen. */
  qrSvg: string;
}

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
