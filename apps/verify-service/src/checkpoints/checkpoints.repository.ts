import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { instant, nullableNumber, text, textArray, type Row } from '@app/database';
import type { Checkpoint } from './checkpoint';

const COLUMNS = 'code, name, division_code, corridor_divisions, latitude, longitude, created_at';

@Injectable()
export class CheckpointsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns undefined when the code is taken. */
  async insert(
    manager: EntityManager,
    checkpoint: Omit<Checkpoint, 'createdAt'>,
  ): Promise<Checkpoint | undefined> {
    const rows: Row[] = await manager.query(
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
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM checkpoints WHERE code = $1`,
      [code],
    );
    return rows[0] && toCheckpoint(rows[0]);
  }

  async findAll(): Promise<Checkpoint[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM checkpoints ORDER BY code`,
    );
    return rows.map(toCheckpoint);
  }
}

/** Reads a row of COLUMNS; the coordinates are double precision, both or neither. */
function toCheckpoint(row: Row): Checkpoint {
  const latitude = nullableNumber(row, 'latitude');
  const longitude = nullableNumber(row, 'longitude');
  return {
    code: text(row, 'code'),
    name: text(row, 'name'),
    divisionCode: text(row, 'division_code'),
    corridorDivisions: textArray(row, 'corridor_divisions'),
    location: latitude === null || longitude === null ? null : { latitude, longitude },
    createdAt: instant(row, 'created_at'),
  };
}
