import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Checkpoint } from './checkpoint';

interface CheckpointRow {
  code: string;
  name: string;
  division_code: string;
  corridor_divisions: string[];
  latitude: number | null;
  longitude: number | null;
  created_at: Date;
}

const COLUMNS = 'code, name, division_code, corridor_divisions, latitude, longitude, created_at';

@Injectable()
export class CheckpointsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns undefined when the code is taken. */
  async insert(
    manager: EntityManager,
    checkpoint: Omit<Checkpoint, 'createdAt'>,
  ): Promise<Checkpoint | undefined> {
    const rows: CheckpointRow[] = await manager.query(
      `INSERT INTO checkpoints (code, name, division_code, corridor_divisions, latitude, longitude)
       VALUES ($1, $2, $3, $4::char(6)[], $5, $6)
       ON CONFLICT (code) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        checkpoint.code,
        checkpoint.name,
        checkpoint.divisionCode,
        checkpoint.corridorDivisions,
        checkpoint.location?.latitude ?? null,
        checkpoint.location?.longitude ?? null,
      ],
    );
    return rows[0] && toCheckpoint(rows[0]);
  }

  async findByCode(code: string): Promise<Checkpoint | undefined> {
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM checkpoints WHERE code = $1`,
      [code],
    );
    return rows[0] && toCheckpoint(rows[0]);
  }

  async findAll(): Promise<Checkpoint[]> {
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM checkpoints ORDER BY code`,
    );
    return rows.map(toCheckpoint);
  }
}

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    code: row.code,
    name: row.name,
    divisionCode: row.division_code,
    corridorDivisions: row.corridor_divisions,
    location:
      row.latitude === null || row.longitude === null
        ? null
        : { latitude: row.latitude, longitude: row.longitude },
    createdAt: row.created_at,
  };
}
