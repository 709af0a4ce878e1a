import { Body, Controller, Get, Headers, Param, Post, Query, Res, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { Contract, ZodValidationPipe } from '@app/platform';
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { ApprovePassUseCase } from './approve-pass.use-case';
import { CancelPassUseCase } from './cancel-pass.use-case';
import { DriverPhoneAccess } from './driver-phone';
import { GetPassUseCase } from './get-pass.use-case';
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
import { passPageSchema, passViewSchema, toPassView, type PassView } from './pass.view';
import { RejectPassUseCase } from './reject-pass.use-case';
import { RenewPassUseCase } from './renew-pass.use-case';
import { RevokePassUseCase } from './revoke-pass.use-case';

const idempotencyKeyPipe = new ZodValidationPipe(idempotencyKeyHeader);
const idempotencyHeaders = z.object({ 'idempotency-key': idempotencyKeyHeader.optional() });

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
    private readonly getPass: GetPassUseCase,
    private readonly approvePass: ApprovePassUseCase,
    private readonly rejectPass: RejectPassUseCase,
    private readonly revokePass: RevokePassUseCase,
    private readonly driverPhone: DriverPhoneAccess,
    private readonly renewPass: RenewPassUseCase,
    private readonly cancelPass: CancelPassUseCase,
  ) {}

  /** 201 with a new pass; 200 with the original when an Idempotency-Key is replayed. */
  @Contract({
    summary: 'Apply for a pass',
    description:
      'Issued at once (201, `issued`) or queued for an official (`pending_review`, e.g. cross-province or heavy). With an `Idempotency-Key`, a repeat answers 200 with the original pass.',
    body: passApplicationBody,
    headers: idempotencyHeaders,
    responses: { 201: passViewSchema, 200: passViewSchema },
    errors: {
      403: ['ENTERPRISE_NOT_ACTIVE'],
      409: ['PASS_OVERLAPS', 'PLATE_HELD_BY_OTHER', 'PASS_NUMBERS_EXHAUSTED'],
      422: ['IDEMPOTENCY_KEY_REUSED'],
    },
  })
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
  @Contract({
    summary: 'Renew a pass for a new window',
    body: renewalBody,
    headers: idempotencyHeaders,
    responses: { 201: passViewSchema, 200: passViewSchema },
    errors: {
      403: ['ENTERPRISE_NOT_ACTIVE'],
      404: ['PASS_NOT_FOUND'],
      409: [
        'PASS_STATE_CONFLICT',
        'PASS_OVERLAPS',
        'PLATE_HELD_BY_OTHER',
        'PASS_NUMBERS_EXHAUSTED',
      ],
      422: ['IDEMPOTENCY_KEY_REUSED'],
    },
  })
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
  @Contract({
    summary: 'Withdraw an application still in review',
    responses: { 200: passViewSchema },
    errors: { 404: ['PASS_NOT_FOUND'], 409: ['PASS_STATE_CONFLICT'] },
  })
  @Roles('enterprise')
  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PassIdPipe) id: string,
  ): Promise<PassView> {
    return toPassView(await this.cancelPass.execute(user, id), false);
  }

  @Contract({
    summary: 'List passes',
    description:
      'An enterprise sees its own; officials those of their jurisdiction; admins all. Phones are masked.',
    query: listPassesQuery,
    responses: { 200: passPageSchema },
  })
  @Roles('enterprise', 'official', 'admin')
  @Get()
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(listPassesQuery)) query: ListPassesQuery,
  ): Promise<{ items: PassView[]; nextCursor: string | null }> {
    const page = await this.listPasses.execute(user, query);
    return { items: page.items.map((p) => toPassView(p, false)), nextCursor: page.nextCursor };
  }

  @Contract({
    summary: 'Read one pass, with its QR token once issued',
    responses: { 200: passViewSchema },
    errors: { 404: ['PASS_NOT_FOUND'] },
  })
  @Roles('enterprise', 'official', 'admin')
  @Get(':id')
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PassIdPipe) id: string,
  ): Promise<PassView> {
    const pass = await this.getPass.execute(user, id);
    const phone = (await this.driverPhone.showsInFull(user, pass)) ? 'full' : 'masked';
    return toPassView(pass, true, phone);
  }

  @Contract({
    summary: 'Approve an application in review (issues the pass)',
    responses: { 200: passViewSchema },
    errors: {
      404: ['PASS_NOT_FOUND'],
      409: [
        'PASS_STATE_CONFLICT',
        'ENTERPRISE_NOT_ACTIVE',
        'PLATE_HELD_BY_OTHER',
        'PASS_NUMBERS_EXHAUSTED',
      ],
    },
  })
  @Roles('official')
  @Post(':id/approve')
  @HttpCode(200)
  async approve(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PassIdPipe) id: string,
  ): Promise<PassView> {
    return toPassView(await this.approvePass.execute(user, id), true);
  }

  @Contract({
    summary: 'Reject an application in review, with a reason',
    body: reasonBody,
    responses: { 200: passViewSchema },
    errors: { 404: ['PASS_NOT_FOUND'], 409: ['PASS_STATE_CONFLICT'] },
  })
  @Roles('official')
  @Post(':id/reject')
  @HttpCode(200)
  async reject(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', PassIdPipe) id: string,
    @Body(new ZodValidationPipe(reasonBody)) body: ReasonBody,
  ): Promise<PassView> {
    return toPassView(await this.rejectPass.execute(user, id, body.reason), false);
  }

  @Contract({
    summary: 'Revoke an issued pass, with a reason',
    description: 'Checkpoints refuse it (REVOKED) as soon as they hold the revocation.',
    body: reasonBody,
    responses: { 200: passViewSchema },
    errors: { 404: ['PASS_NOT_FOUND'], 409: ['PASS_STATE_CONFLICT'] },
  })
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
