import { Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { inScope } from '@app/domain';
import { AppError } from '@app/platform';
import { DataSource } from 'typeorm';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import { PassRejections } from '../notices/pass-rejections';
import { PassRevoker } from '../passes/pass-revoker';
import { PassesRepository } from '../passes/passes.repository';
import { transferNotFound, transferStateConflict } from './plate-errors';
import { PlateTransfersRepository } from './plate-transfers.repository';
import type { PlateTransferRecord } from './vehicle.record';
import { VehiclesRepository } from './vehicles.repository';

export interface ApprovedTransfer {
  transfer: PlateTransferRecord;
  passesRevoked: number;
  applicationsRejected: number;
}

/**
 * An official in the requester's scope (or the admin) approves a transfer. In one transaction
 * the plate moves, the former holder's applications on it that wait for review are rejected and
 * its live passes on it are revoked (pass.revoked reaches the checkpoints), so nothing the former
 * holder has on the plate outlives the decision.
 */
@Injectable()
export class ApprovePlateTransferUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transfers: PlateTransfersRepository,
    private readonly vehicles: VehiclesRepository,
    private readonly passes: PassesRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly revoker: PassRevoker,
    private readonly audit: AuditTrail,
    private readonly rejections: PassRejections,
  ) {}

  execute(user: AuthenticatedUser, id: string, reason?: string): Promise<ApprovedTransfer> {
    return this.dataSource.transaction(async (manager) => {
      const transfer = await this.transfers.findById(manager, id, true);
      if (!transfer || !inScope(user.divisionScope, transfer.toDivisionCode))
        throw transferNotFound();
      if (transfer.status !== 'pending') throw transferStateConflict(transfer.status);
      // Locked first: an application's claim on the plate (FOR KEY SHARE, see PlateClaims)
      // either committed before this, and its pass is revoked below, or waits and then finds
      // the plate moved.
      const vehicle = await this.vehicles.findByPlate(manager, transfer.plate, true);
      if (vehicle?.enterpriseId !== transfer.fromEnterpriseId) {
        throw AppError.conflict(
          'TRANSFER_STALE',
          'The plate has changed hands since this transfer was requested; reject it, and the requester can ask again.',
        );
      }
      const holder = await this.enterprises.findById(manager, transfer.fromEnterpriseId);
      if (!holder) throw new Error(`transfer ${id} names an enterprise that does not exist`);
      const because = reason ?? `Plate ${transfer.plate} was transferred to another enterprise.`;

      await this.vehicles.moveTo(manager, transfer.plate, transfer.toEnterpriseId);
      // Applications before passes: an approval that was issuing one of them when this began
      // has committed by the time its row is skipped here, and its pass is then revoked below.
      const rejected = await this.passes.rejectPendingOnPlate(
        manager,
        holder.id,
        transfer.plate,
        user.userId,
        because,
      );
      await this.rejections.announce(manager, user, rejected, because);
      const live = await this.passes.findLiveIssuedOnPlate(manager, holder.id, transfer.plate);
      const revoked = await this.revoker.revoke(manager, user, holder, live, because);
      await this.transfers.decide(manager, id, 'approved', user.userId, reason ?? null);
      await this.audit.record(
        manager,
        ...rejected.map((pass) => ({
          actor: actorOf(user),
          action: 'pass.rejected' as const,
          target: { type: 'pass' as const, id: pass.id },
          divisionCode: holder.divisionCode,
          reason: because,
          details: { plate: pass.plate, transferId: id },
        })),
        {
          actor: actorOf(user),
          action: 'plate.transfer-approved',
          target: { type: 'plate-transfer', id },
          divisionCode: transfer.toDivisionCode,
          reason: reason ?? null,
          details: {
            plate: transfer.plate,
            fromEnterpriseId: transfer.fromEnterpriseId,
            toEnterpriseId: transfer.toEnterpriseId,
            passesRevoked: revoked.length,
            applicationsRejected: rejected.length,
          },
        },
      );
      const decided = await this.transfers.findById(manager, id);
      if (!decided) throw new Error(`transfer ${id} vanished`);
      return {
        transfer: decided,
        passesRevoked: revoked.length,
        applicationsRejected: rejected.length,
      };
    });
  }
}
