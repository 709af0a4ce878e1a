import { Injectable } from '@nestjs/common';
import { AppError } from '@app/platform';
import type { EntityManager } from 'typeorm';
import { isConstraintViolation, PgErrorCode } from '../database/pg-error';
import { TRANSFER_COLUMNS, TRANSFER_FROM, type PlateTransferRecord } from './vehicle.record';
import type { TransferStatus } from './vehicle.schemas';

export interface NewPlateTransfer {
  id: string;
  plate: string;
  fromEnterpriseId: string;
  toEnterpriseId: string;
  reason: string;
}

export interface TransferFilter {
  /** Transfers this enterprise asked for or whose plate it held. */
  enterpriseId?: string;
  /** Transfers asked for by enterprises whose division code starts with this. */
  divisionPrefix?: string;
  status?: TransferStatus;
  beforeSeq?: string;
  limit: number;
}

@Injectable()
export class PlateTransfersRepository {
  async insert(manager: EntityManager, transfer: NewPlateTransfer): Promise<void> {
    try {
      await manager.query(
        `INSERT INTO plate_transfers (id, plate, from_enterprise_id, to_enterprise_id, status, reason)
         VALUES ($1, $2, $3, $4, 'pending', $5)`,
        [
          transfer.id,
          transfer.plate,
          transfer.fromEnterpriseId,
          transfer.toEnterpriseId,
          transfer.reason,
        ],
      );
    } catch (error) {
      if (
        isConstraintViolation(error, PgErrorCode.UNIQUE_VIOLATION, 'plate_transfers_one_pending')
      ) {
        throw AppError.conflict(
          'TRANSFER_ALREADY_PENDING',
          'Your enterprise already has a pending transfer request for this plate.',
        );
      }
      throw error;
    }
  }

  /** `forUpdate` locks the transfer row, so that two officials cannot both decide it. */
  async findById(
    manager: EntityManager,
    id: string,
    forUpdate = false,
  ): Promise<PlateTransferRecord | undefined> {
    const rows: PlateTransferRecord[] = await manager.query(
      `SELECT ${TRANSFER_COLUMNS} FROM ${TRANSFER_FROM} WHERE t.id = $1
       ${forUpdate ? 'FOR UPDATE OF t' : ''}`,
      [id],
    );
    return rows[0];
  }

  async list(manager: EntityManager, filter: TransferFilter): Promise<PlateTransferRecord[]> {
    return manager.query(
      `SELECT ${TRANSFER_COLUMNS} FROM ${TRANSFER_FROM}
       WHERE ($1::uuid IS NULL OR t.to_enterprise_id = $1 OR t.from_enterprise_id = $1)
         AND ($2::text IS NULL OR r.division_code LIKE $2 || '%')
         AND ($3::text IS NULL OR t.status = $3)
         AND ($4::bigint IS NULL OR t.seq < $4)
       ORDER BY t.seq DESC
       LIMIT $5`,
      [
        filter.enterpriseId ?? null,
        filter.divisionPrefix ?? null,
        filter.status ?? null,
        filter.beforeSeq ?? null,
        filter.limit,
      ],
    );
  }

  async decide(
    manager: EntityManager,
    id: string,
    status: Exclude<TransferStatus, 'pending'>,
    decidedBy: string,
    decisionReason: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE plate_transfers SET status = $2, decided_by = $3, decision_reason = $4,
         decided_at = now()
       WHERE id = $1 AND status = 'pending'`,
      [id, status, decidedBy, decisionReason],
    );
  }
}
