import { Injectable } from '@nestjs/common';
import type { Role } from '@app/auth';
import { AppError } from '@app/platform';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isConstraintViolation, PgErrorCode } from '../database/pg-error';

export interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  enterprise_id: string | null;
  checkpoint_code: string | null;
}

export interface NewUser {
  username: string;
  passwordHash: string;
  role: Role;
  enterpriseId: string | null;
  checkpointCode: string | null;
}

@Injectable()
export class UsersRepository {
  async findByUsername(manager: EntityManager, username: string): Promise<UserRow | undefined> {
    const rows: UserRow[] = await manager.query(
      `SELECT id, username, password_hash, role, enterprise_id, checkpoint_code
       FROM users WHERE username = $1`,
      [username],
    );
    return rows[0];
  }

  /** Inserts the user; a taken username is a 409, decided by the unique index, not by a racy pre-check. */
  async insert(manager: EntityManager, user: NewUser): Promise<string> {
    const id = randomUUID();
    try {
      await manager.query(
        `INSERT INTO users (id, username, password_hash, role, enterprise_id, checkpoint_code)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, user.username, user.passwordHash, user.role, user.enterpriseId, user.checkpointCode],
      );
    } catch (error) {
      if (isConstraintViolation(error, PgErrorCode.UNIQUE_VIOLATION, 'users_username_key')) {
        throw AppError.conflict('USERNAME_TAKEN', 'This username is taken.');
      }
      throw error;
    }
    return id;
  }
}
