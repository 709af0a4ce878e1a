import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { Contract, ZodValidationPipe } from '@app/platform';
import { z } from 'zod';
import { ApproveEnterpriseUseCase } from './approve-enterprise.use-case';
import { EnterpriseIdPipe } from './enterprise-id.pipe';
import {
  approveEnterpriseBody,
  listEnterprisesQuery,
  reinstateEnterpriseBody,
  rejectEnterpriseBody,
  suspendEnterpriseBody,
  type ApproveEnterpriseBody,
  type ListEnterprisesQuery,
  type ReinstateEnterpriseBody,
  type RejectEnterpriseBody,
  type SuspendEnterpriseBody,
} from './enterprise.schemas';
import {
  enterprisePageSchema,
  enterpriseViewSchema,
  toEnterpriseView,
  type EnterpriseView,
} from './enterprise.view';
import { GetEnterpriseUseCase } from './get-enterprise.use-case';
import { ListEnterprisesUseCase } from './list-enterprises.use-case';
import { ReinstateEnterpriseUseCase } from './reinstate-enterprise.use-case';
import { RejectEnterpriseUseCase } from './reject-enterprise.use-case';
import { SuspendEnterpriseUseCase } from './suspend-enterprise.use-case';

/**
 * Onboarding: officials review the enterprises of their jurisdiction (anything outside it is
 * 404 ENTERPRISE_NOT_FOUND), the admin those of the whole country.
 */
@ApiTags('enterprises')
@ApiBearerAuth()
@Controller('v1/enterprises')
export class EnterpriseReviewController {
  constructor(
    private readonly listEnterprises: ListEnterprisesUseCase,
    private readonly getEnterprise: GetEnterpriseUseCase,
    private readonly approveEnterprise: ApproveEnterpriseUseCase,
    private readonly rejectEnterprise: RejectEnterpriseUseCase,
    private readonly suspendEnterprise: SuspendEnterpriseUseCase,
    private readonly reinstateEnterprise: ReinstateEnterpriseUseCase,
  ) {}

  @Contract({
    summary: 'List enterprises in the caller’s jurisdiction (the review queue by status)',
    query: listEnterprisesQuery,
    responses: { 200: enterprisePageSchema },
  })
  @Roles('official', 'admin')
  @Get()
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(listEnterprisesQuery)) query: ListEnterprisesQuery,
  ): Promise<{ items: EnterpriseView[]; nextCursor: string | null }> {
    const page = await this.listEnterprises.execute(user, query);
    return { items: page.items.map((e) => toEnterpriseView(e)), nextCursor: page.nextCursor };
  }

  @Contract({
    summary: 'Read one enterprise',
    description: 'An enterprise account may read its own, to see whether it has been approved.',
    responses: { 200: enterpriseViewSchema },
    errors: { 404: ['ENTERPRISE_NOT_FOUND'] },
  })
  /** An enterprise user may read its own enterprise, to see whether it has been approved. */
  @Roles('official', 'admin', 'enterprise')
  @Get(':id')
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', EnterpriseIdPipe) id: string,
  ): Promise<EnterpriseView> {
    // The admin, nationwide, sees it masked as for passes: least privilege (docs/privacy.md).
    return toEnterpriseView(await this.getEnterprise.execute(user, id), {
      fullPhone: user.role !== 'admin',
    });
  }

  @Contract({
    summary: 'Approve an enterprise in review',
    body: approveEnterpriseBody,
    responses: { 200: enterpriseViewSchema },
    errors: { 404: ['ENTERPRISE_NOT_FOUND'], 409: ['ENTERPRISE_STATE_CONFLICT'] },
  })
  @Roles('official', 'admin')
  @Post(':id/approve')
  @HttpCode(200)
  async approve(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', EnterpriseIdPipe) id: string,
    @Body(new ZodValidationPipe(approveEnterpriseBody)) body: ApproveEnterpriseBody,
  ): Promise<EnterpriseView> {
    return toEnterpriseView(await this.approveEnterprise.execute(user, id, body.reason));
  }

  @Contract({
    summary: 'Reject an enterprise in review (its applications are refused)',
    body: rejectEnterpriseBody,
    responses: { 200: enterpriseViewSchema.extend({ applicationsRefused: z.number().int() }) },
    errors: { 404: ['ENTERPRISE_NOT_FOUND'], 409: ['ENTERPRISE_STATE_CONFLICT'] },
  })
  @Roles('official', 'admin')
  @Post(':id/reject')
  @HttpCode(200)
  async reject(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', EnterpriseIdPipe) id: string,
    @Body(new ZodValidationPipe(rejectEnterpriseBody)) body: RejectEnterpriseBody,
  ): Promise<EnterpriseView & { applicationsRefused: number }> {
    const { enterprise, applicationsRefused } = await this.rejectEnterprise.execute(
      user,
      id,
      body.reason,
    );
    return { ...toEnterpriseView(enterprise), applicationsRefused };
  }

  @Contract({
    summary: 'Suspend an active enterprise (applications refused, passes revoked)',
    body: suspendEnterpriseBody,
    responses: {
      200: enterpriseViewSchema.extend({
        applicationsRefused: z.number().int(),
        passesRevoked: z.number().int(),
      }),
    },
    errors: {
      404: ['ENTERPRISE_NOT_FOUND'],
      409: ['ENTERPRISE_STATE_CONFLICT', 'TOO_MANY_PASSES_TO_REVOKE'],
    },
  })
  @Roles('official', 'admin')
  @Post(':id/suspend')
  @HttpCode(200)
  async suspend(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', EnterpriseIdPipe) id: string,
    @Body(new ZodValidationPipe(suspendEnterpriseBody)) body: SuspendEnterpriseBody,
  ): Promise<EnterpriseView & { applicationsRefused: number; passesRevoked: number }> {
    const { enterprise, applicationsRefused, passesRevoked } = await this.suspendEnterprise.execute(
      user,
      id,
      body,
    );
    return { ...toEnterpriseView(enterprise), applicationsRefused, passesRevoked };
  }

  @Contract({
    summary: 'Reinstate a suspended enterprise',
    body: reinstateEnterpriseBody,
    responses: { 200: enterpriseViewSchema },
    errors: { 404: ['ENTERPRISE_NOT_FOUND'], 409: ['ENTERPRISE_STATE_CONFLICT'] },
  })
  @Roles('official', 'admin')
  @Post(':id/reinstate')
  @HttpCode(200)
  async reinstate(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', EnterpriseIdPipe) id: string,
    @Body(new ZodValidationPipe(reinstateEnterpriseBody)) body: ReinstateEnterpriseBody,
  ): Promise<EnterpriseView> {
    return toEnterpriseView(await this.reinstateEnterprise.execute(user, id, body.reason));
  }
}
