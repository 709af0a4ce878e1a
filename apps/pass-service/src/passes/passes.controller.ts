import { Body, Controller, Get, Headers, Param, Post, Query, Res, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { ZodValidationPipe } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { CancelPassUseCase } from './cancel-pass.use-case';
import { DriverPhoneAccess } from './driver-phone';
import { IssuePassUseCase } from './issue-pass.use-case';
import { ListPassesUseCase } from './list-passes.use-case';
import { listPassesQuery, type ListPassesQuery } from './list-passes.query';
import {
  idempotencyKeyHeader,
  passApplicationBody,
  reasonBody,
  renewalBody,
  type PassApplication,
  type ReasonBody,
  type RenewalWindow,
} from './pass-application.schema';
import { PassIdPipe } from './pass-id.pipe';
import { toPassView, type PassView } from './pass.view';
import { RenewPassUseCase } from './renew-pass.use-case';
import { ReviewPassUseCase } from './review-pass.use-case';
import { RevokePassUseCase } from './revoke-pass.use-case';

const idempotencyKeyPipe = new ZodValidationPipe(idempotencyKeyHeader);

/** Nest's @Headers takes no pipe, so the header is validated here, at the edge all the same. */
const idempotencyKeyOf = (raw: string | undefined) =>
  raw === undefined ? undefined : idempotencyKeyPipe.transform(raw);

@ApiTags('passes')
@ApiBearerAuth()
@Controller('v1/passes')
export class PassesController {
  constructor(
    private readonly issuePass: IssuePassUseCase,
    private readonly listPasses: ListPassesUseCase,
    private readonly reviewPass: ReviewPassUseCase,
    private readonly revokePass: RevokePassUseCase,
    private readonly driverPhone: DriverPhoneAccess,
    private readonly renewPass: RenewPassUseCase,
    private readonly cancelPass: CancelPassUseCase,
  ) {}

  /** 201 with a new pass; 200 with the original when an Idempotency-Key is replayed. */
  @Roles('enterprise')
  @Post()
  async apply(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(passApplicationBody)) application: PassApplication,
    @Headers('idempotency-key') rawIdempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PassView> {
    const idempotencyKey = idempotencyKeyOf(rawIdempotencyKey);
    const { pass, created } = await this.issuePass.execute(user, application, idempotencyKey);
    void reply.status(created ? 201 : 200);
    return toPassView(pass, true);
  }

  /**
   * The same application as an earlier issued pass of the enterprise, for a new window: 201 with
   * the new pass (issued or pending review, `renewedFrom` naming the earlier one); 200 when an
   * Idempotency-Key is replayed.
   */
  @Roles('enterprise')
  @Post(':id/renew')
  async renew(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PassIdPipe) id: string,
    @Body(new ZodValidationPipe(renewalBody)) window: RenewalWindow,
    @Headers('idempotency-key') rawIdempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PassView> {
    const idempotencyKey = idempotencyKeyOf(rawIdempotencyKey);
    const { pass, created } = await this.renewPass.execute(user, id, window, idempotencyKey);
    void reply.status(created ? 201 : 200);
    return toPassView(pass, true);
  }

  /** pending_review → cancelled, by the enterprise that applied. */
  @Roles('enterprise')
  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PassIdPipe) id: string,
  ): Promise<PassView> {
    return toPassView(await this.cancelPass.execute(user, id), false);
  }

  @Roles('enterprise', 'official', 'admin')
  @Get()
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(listPassesQuery)) query: ListPassesQuery,
  ): Promise<{ items: PassView[]; nextCursor: string | null }> {
    const page = await this.listPasses.list(user, query);
    return { items: page.items.map((p) => toPassView(p, false)), nextCursor: page.nextCursor };
  }

  @Roles('enterprise', 'official', 'admin')
  @Get(':id')
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PassIdPipe) id: string,
  ): Promise<PassView> {
    const pass = await this.listPasses.get(user, id);
    const phone = (await this.driverPhone.showsInFull(user, pass)) ? 'full' : 'masked';
    return toPassView(pass, true, phone);
  }

  @Roles('official')
  @Post(':id/approve')
  @HttpCode(200)
  async approve(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PassIdPipe) id: string,
  ): Promise<PassView> {
    return toPassView(await this.reviewPass.approve(user, id), true);
  }

  @Roles('official')
  @Post(':id/reject')
  @HttpCode(200)
  async reject(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PassIdPipe) id: string,
    @Body(new ZodValidationPipe(reasonBody)) body: ReasonBody,
  ): Promise<PassView> {
    return toPassView(await this.reviewPass.reject(user, id, body.reason), false);
  }

  @Roles('official', 'admin', 'enterprise')
  @Post(':id/revoke')
  @HttpCode(200)
  async revoke(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PassIdPipe) id: string,
    @Body(new ZodValidationPipe(reasonBody)) body: ReasonBody,
  ): Promise<PassView> {
    return toPassView(await this.revokePass.execute(user, id, body.reason), false);
  }
}
