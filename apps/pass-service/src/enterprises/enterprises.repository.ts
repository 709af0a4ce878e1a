import { Injectable } from '@nestjs/common';
import { AppError } from '@app/platform';
import type { EntityManager } from 'typeorm';
import { isConstraintViolation, PgErrorCode } from '../database/pg-error';

export interface EnterpriseRecord {
  id: string;
  creditCode: string;
  name: string;
  divisionCode: string;
  contactName: string;
  contactPhone: string;
  createdAt: Date;
}

interface EnterpriseRow {
  id: string;
  credit_code: string;
  name: string;
  division_code: string;
  contact_name: string;
  contact_phone: string;
  created_at: Date;
}

const toRecord = (row: EnterpriseRow): EnterpriseRecord => ({
  id: row.id,
  creditCode: row.credit_code,
  name: row.name,
  divisionCode: row.division_code,
  contactName: row.contact_name,
  contactPhone: row.contact_phone,
  createdAt: row.created_at,
});

/** Bounded: the identity fields a pass needs are immutable, so caching them saves a read per issue. */
const MAX_CACHED = 10_000;

@Injectable()
export class EnterprisesRepository {
  private readonly cache = new Map<string, EnterpriseRecord>();

  async insert(
    manager: EntityManager,
    enterprise: Omit<EnterpriseRecord, 'createdAt'>,
  ): Promise<EnterpriseRecord> {
    try {
      const rows: EnterpriseRow[] = await manager.query(
        `INSERT INTO enterprises (id, credit_code, name, division_code, contact_name, contact_phone)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [
          enterprise.id,
          enterprise.creditCode,
          enterprise.name,
          enterprise.divisionCode,
          enterprise.contactName,
          enterprise.contactPhone,
        ],
      );
      return toRecord(rows[0]);
    } catch (error) {
      if (
        isConstraintViolation(error, PgErrorCode.UNIQUE_VIOLATION, 'enterprises_credit_code_key')
      ) {
        throw AppError.conflict(
          'ENTERPRISE_EXISTS',
          'An enterprise with this credit code is already registered.',
        );
      }
      throw error;
    }
  }

  async findById(manager: EntityManager, id: string): Promise<EnterpriseRecord | undefined> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const rows: EnterpriseRow[] = await manager.query('SELECT * FROM enterprises WHERE id = $1', [
      id,
    ]);
    if (!rows[0]) return undefined;
    const record = toRecord(rows[0]);
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(id, record);
    return record;
  }
}
