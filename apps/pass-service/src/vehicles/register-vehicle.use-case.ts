import { Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { AppError } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import { plateHeldByOther } from './plate-errors';
import type { VehicleRecord } from './vehicle.record';
import type { RegisterVehicleBody } from './vehicle.schemas';
import { VehiclesRepository } from './vehicles.repository';

export interface RegisterVehicleResult {
  vehicle: VehicleRecord;
  /** False when the enterprise already held the plate and only its details were replaced. */
  created: boolean;
}

/** POST /v1/vehicles: an enterprise registers a vehicle, or completes one it already holds. */
@Injectable()
export class RegisterVehicleUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vehicles: VehiclesRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly audit: AuditTrail,
  ) {}

  async execute(
    user: AuthenticatedUser,
    body: RegisterVehicleBody,
  ): Promise<RegisterVehicleResult> {
    const enterpriseId = user.enterpriseId;
    if (!enterpriseId)
      throw new AppError(403, 'FORBIDDEN', 'Only an enterprise registers vehicles.');
    return this.dataSource.transaction(async (manager) => {
      const enterprise = await this.enterprises.findById(manager, enterpriseId);
      if (!enterprise)
        throw new AppError(403, 'FORBIDDEN', 'The enterprise of this account no longer exists.');
      const result = await this.vehicles.register(manager, {
        id: randomUUID(),
        plate: body.plate,
        enterpriseId,
        kind: body.kind,
        trailerPlate: body.trailerPlate ?? null,
        licenceNumber: body.licenceNumber,
      });
      if (!result) throw plateHeldByOther();
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'vehicle.registered',
        target: { type: 'vehicle', id: result.vehicle.id },
        divisionCode: enterprise.divisionCode,
        details: {
          plate: result.vehicle.plate,
          kind: result.vehicle.kind,
          trailerPlate: result.vehicle.trailerPlate,
          updated: !result.created,
        },
      });
      return result;
    });
  }
}
