import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryReturning } from '../database/query-returning';
import { VEHICLE_COLUMNS, type VehicleRecord } from './vehicle.record';
import type { VehicleKind } from './vehicle.schemas';

export interface VehicleRegistration {
  id: string;
  plate: string;
  enterpriseId: string;
  kind: VehicleKind;
  trailerPlate: string | null;
  licenceNumber: string;
}

export interface VehicleFilter {
  /** Only this enterprise's vehicles (an enterprise's own view, or a staff filter). */
  enterpriseId?: string;
  /** Only vehicles of enterprises whose division code starts with this (an official's scope). */
  divisionPrefix?: string;
  plate?: string;
  /** Items strictly older than this seq (newest first). */
  beforeSeq?: string;
  limit: number;
}

@Injectable()
export class VehiclesRepository {
  /**
   * Registers a plate to the enterprise, or replaces the details of a vehicle it already holds
   * (an application registers a bare truck; the enterprise completes it here). Undefined when
   * another enterprise holds the plate. One statement, so the unique plate decides any race.
   */
  async register(
    manager: EntityManager,
    vehicle: VehicleRegistration,
  ): Promise<{ vehicle: VehicleRecord; created: boolean } | undefined> {
    const rows: (VehicleRecord & { created: boolean })[] = await manager.query(
      `INSERT INTO vehicles AS v (id, plate, enterprise_id, kind, trailer_plate, licence_number)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (plate) DO UPDATE SET kind = EXCLUDED.kind,
         trailer_plate = EXCLUDED.trailer_plate, licence_number = EXCLUDED.licence_number
         WHERE v.enterprise_id = EXCLUDED.enterprise_id
       RETURNING ${VEHICLE_COLUMNS}, (v.xmax = 0) AS created`,
      [
        vehicle.id,
        vehicle.plate,
        vehicle.enterpriseId,
        vehicle.kind,
        vehicle.trailerPlate,
        vehicle.licenceNumber,
      ],
    );
    if (!rows[0]) return undefined;
    const { created, ...record } = rows[0];
    return { vehicle: record, created };
  }

  /** `forUpdate` locks the row: a transfer moves the plate only while no application claims it. */
  async findByPlate(
    manager: EntityManager,
    plate: string,
    forUpdate = false,
  ): Promise<VehicleRecord | undefined> {
    const rows: VehicleRecord[] = await manager.query(
      `SELECT ${VEHICLE_COLUMNS} FROM vehicles v WHERE v.plate = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [plate],
    );
    return rows[0];
  }

  async list(manager: EntityManager, filter: VehicleFilter): Promise<VehicleRecord[]> {
    return manager.query(
      `SELECT ${VEHICLE_COLUMNS} FROM vehicles v JOIN enterprises e ON e.id = v.enterprise_id
       WHERE ($1::uuid IS NULL OR v.enterprise_id = $1)
         AND ($2::text IS NULL OR e.division_code LIKE $2 || '%')
         AND ($3::text IS NULL OR v.plate = $3)
         AND ($4::bigint IS NULL OR v.seq < $4)
       ORDER BY v.seq DESC
       LIMIT $5`,
      [
        filter.enterpriseId ?? null,
        filter.divisionPrefix ?? null,
        filter.plate ?? null,
        filter.beforeSeq ?? null,
        filter.limit,
      ],
    );
  }

  /** The plate passes to another enterprise, as a vehicle of the same kind and licence. */
  async moveTo(manager: EntityManager, plate: string, enterpriseId: string): Promise<void> {
    await queryReturning(manager, `UPDATE vehicles SET enterprise_id = $2 WHERE plate = $1`, [
      plate,
      enterpriseId,
    ]);
  }
}
