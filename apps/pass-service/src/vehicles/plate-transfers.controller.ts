import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { Contract, ZodValidationPipe } from '@app/platform';
import { z } from 'zod';
import { ApprovePlateTransferUseCase } from './approve-plate-transfer.use-case';
import { ListPlateTransfersUseCase } from './list-plate-transfers.use-case';
import { RejectPlateTransferUseCase } from './reject-plate-transfer.use-case';
import { RequestPlateTransferUseCase } from './request-plate-transfer.use-case';
import { TransferIdPipe } from './transfer-id.pipe';
import {
  plateTransferPageSchema,
  plateTransferViewSchema,
  toPlateTransferView,
  type PlateTransferView,
} from './vehicle.record';
import {
  approveTransferBody,
  listTransfersQuery,
  rejectTransferBody,
  requestTransferBody,
  type ApproveTransferBody,
  type ListTransfersQuery,
  type RejectTransferBody,
  type RequestTransferBody,
} from './vehicle.schemas';

@ApiTags('plate-transfers')
@ApiBearerAuth()
@Controller('v1/plate-transfers')
export class PlateTransfersController {
  constructor(
    private readonly requestTransfer: RequestPlateTransferUseCase,
    private readonly listTransfers: ListPlateTransfersUseCase,
    private readonly approveTransfer: ApprovePlateTransferUseCase,
    private readonly rejectTransfer: RejectPlateTransferUseCase,
  ) {}

  @Contract({
    summary: 'Ask for a plate another enterprise holds (an official decides)',
    body: requestTransferBody,
    responses: { 201: plateTransferViewSchema },
    errors: { 409: ['TRANSFER_NOT_NEEDED', 'TRANSFER_ALREADY_PENDING'] },
  })
  @Roles('enterprise')
  @Post()
  async request(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(requestTransferBody)) body: RequestTransferBody,
  ): Promise<PlateTransferView> {
    return toPlateTransferView(await this.requestTransfer.execute(user, body));
  }

  @Contract({
    summary: 'List plate transfers (an enterprise those it is party to)',
    query: listTransfersQuery,
    responses: { 200: plateTransferPageSchema },
  })
  @Roles('enterprise', 'official', 'admin')
  @Get()
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(listTransfersQuery)) query: ListTransfersQuery,
  ): Promise<{ items: PlateTransferView[]; nextCursor: string | null }> {
    const page = await this.listTransfers.execute(user, query);
    return { items: page.items.map(toPlateTransferView), nextCursor: page.nextCursor };
  }

  @Contract({
    summary: 'Approve a plate transfer',
    description:
      "Moves the plate, rejects the holder's applications on it and revokes its passes on it.",
    body: approveTransferBody,
    responses: {
      200: plateTransferViewSchema.extend({
        passesRevoked: z.number().int(),
        applicationsRejected: z.number().int(),
      }),
    },
    errors: {
      404: ['TRANSFER_NOT_FOUND'],
      409: ['TRANSFER_STATE_CONFLICT', 'TRANSFER_STALE'],
    },
  })
  /** Moves the plate, rejects the holder's applications on it and revokes its passes on it. */
  @Roles('official', 'admin')
  @Post(':id/approve')
  @HttpCode(200)
  async approve(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', TransferIdPipe) id: string,
    @Body(new ZodValidationPipe(approveTransferBody)) body: ApproveTransferBody,
  ): Promise<PlateTransferView & { passesRevoked: number; applicationsRejected: number }> {
    const approved = await this.approveTransfer.execute(user, id, body.reason);
    return {
      ...toPlateTransferView(approved.transfer),
      passesRevoked: approved.passesRevoked,
      applicationsRejected: approved.applicationsRejected,
    };
  }

  @Contract({
    summary: 'Reject a plate transfer',
    body: rejectTransferBody,
    responses: { 200: plateTransferViewSchema },
    errors: { 404: ['TRANSFER_NOT_FOUND'], 409: ['TRANSFER_STATE_CONFLICT'] },
  })
  @Roles('official', 'admin')
  @Post(':id/reject')
  @HttpCode(200)
  async reject(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', TransferIdPipe) id: string,
    @Body(new ZodValidationPipe(rejectTransferBody)) body: RejectTransferBody,
  ): Promise<PlateTransferView> {
    return toPlateTransferView(await this.rejectTransfer.execute(user, id, body.reason));
  }
}
