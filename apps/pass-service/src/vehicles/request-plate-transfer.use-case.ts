import { Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { AppError } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import { PlateTransfersRepository } from './plate-transfers.repository';
import type { PlateTransferRecord } from './vehicle.record';
import type { RequestTransferBody } from './vehicle.schemas';
import { VehiclesRepository } from './vehicles.repository';

/**
 * POST /v1/plate-transfers: an enterprise asks for a plate another enterprise holds. The request
 * names the holder of the moment; an official in the requester's scope decides it.
 */
@Injectable()
export class RequestPlateTransferUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vehicles: VehiclesRepository,
    private readonly transfers: PlateTransfersRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly audit: AuditTrail,
  ) {}

  async execute(user: AuthenticatedUser, body: RequestTransferBody): Promise<PlateTransferRecord> {
    const enterpriseId = user.enterpriseId;
    if (!enterpriseId)
      throw new AppError(403, 'FORBIDDEN', 'Only an enterprise requests a plate transfer.');
    return this.dataSource.transaction(async (manager) => {
      const requester = await this.enterprises.findById(manager, enterpriseId);
      if (!requester)
        throw new AppError(403, 'FORBIDDEN', 'The enterprise of this account no longer exists.');
      const vehicle = await this.vehicles.findByPlate(manager, body.plate);
      if (!vehicle) {
        throw AppError.conflict(
          'TRANSFER_NOT_NEEDED',
          'No enterprise holds this plate: register it with POST /v1/vehicles, or apply for a pass with it.',
        );
      }
      if (vehicle.enterpriseId === enterpriseId)
        throw AppError.conflict('TRANSFER_NOT_NEEDED', 'Your enterprise already holds this plate.');
      const id = randomUUID();
      await this.transfers.insert(manager, {
        id,
        plate: body.plate,
        fromEnterpriseId: vehicle.enterpriseId,
        toEnterpriseId: enterpriseId,
        reason: body.reason,
      });
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'plate.transfer-requested',
        target: { type: 'plate-transfer', id },
        divisionCode: requester.divisionCode,
        reason: body.reason,
        details: { plate: body.plate, fromEnterpriseId: vehicle.enterpriseId },
      });
      const transfer = await this.transfers.findById(manager, id);
      if (!transfer) throw new Error(`transfer ${id} was inserted but is not found`);
      return transfer;
    });
  }
}
