import { Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { inScope } from '@app/domain';
import { DataSource } from 'typeorm';
import { transferNotFound, transferStateConflict } from './plate-errors';
import { PlateTransfersRepository } from './plate-transfers.repository';
import type { PlateTransferRecord } from './vehicle.record';

/** An official in the requester's scope (or the admin) refuses a transfer: the plate stays. */
@Injectable()
export class RejectPlateTransferUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transfers: PlateTransfersRepository,
    private readonly audit: AuditTrail,
  ) {}

  execute(user: AuthenticatedUser, id: string, reason: string): Promise<PlateTransferRecord> {
    return this.dataSource.transaction(async (manager) => {
      const transfer = await this.transfers.findById(manager, id, true);
      if (!transfer || !inScope(user.divisionScope, transfer.toDivisionCode))
        throw transferNotFound();
      if (transfer.status !== 'pending') throw transferStateConflict(transfer.status);
      await this.transfers.decide(manager, id, 'rejected', user.userId, reason);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'plate.transfer-rejected',
        target: { type: 'plate-transfer', id },
        divisionCode: transfer.toDivisionCode,
        reason,
        details: { plate: transfer.plate, toEnterpriseId: transfer.toEnterpriseId },
      });
      const decided = await this.transfers.findById(manager, id);
      if (!decided) throw new Error(`transfer ${id} vanished`);
      return decided;
    });
  }
}
