import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { ZodValidationPipe } from '@app/platform';
import { ApprovePlateTransferUseCase } from './approve-plate-transfer.use-case';
import { ListPlateTransfersUseCase } from './list-plate-transfers.use-case';
import { RejectPlateTransferUseCase } from './reject-plate-transfer.use-case';
import { RequestPlateTransferUseCase } from './request-plate-transfer.use-case';
import { TransferIdPipe } from './transfer-id.pipe';
import { toPlateTransferView, type PlateTransferView } from './vehicle.record';
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

  @Roles('enterprise')
  @Post()
  async request(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(requestTransferBody)) body: RequestTransferBody,
  ): Promise<PlateTransferView> {
    return toPlateTransferView(await this.requestTransfer.execute(user, body));
  }

  @Roles('enterprise', 'official', 'admin')
  @Get()
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(listTransfersQuery)) query: ListTransfersQuery,
  ): Promise<{ items: PlateTransferView[]; nextCursor: string | null }> {
    const page = await this.listTransfers.execute(user, query);
    return { items: page.items.map(toPlateTransferView), nextCursor: page.nextCursor };
  }

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
