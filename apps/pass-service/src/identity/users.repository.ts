import { Injectable } from '@nestjs/common';
import type { Role } from '@app/auth';
import { AppError } from '@app/platform';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isConstraintViolation, PgErrorCode } from '../database/pg-error';
import { queryReturning } from '../database/query-returning';

export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  enterpriseId: string | null;
  checkpointCode: string | null;
  /** An official's jurisdiction; null is nationwide (and the value of every other role). */
  divisionScope: string | null;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
}

interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  enterprise_id: string | null;
  checkpoint_code: string | null;
  division_scope: string | null;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_at: Date;
}

const COLUMNS = `id, username, password_hash, role, enterprise_id, checkpoint_code, division_scope,
  disabled_at, disabled_reason, created_at`;

function fromRow(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    role: row.role,
    enterpriseId: row.enterprise_id,
    checkpointCode: row.checkpoint_code,
    divisionScope: row.division_scope,
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
    createdAt: row.created_at,
  };
}

export interface NewUser {
  username: string;
  passwordHash: string;
  role: Role;
  enterpriseId: string | null;
  checkpointCode: string | null;
  divisionScope?: string | null;
}

export interface UserFilter {
  role?: Role;
  disabled?: boolean;
  /** Usernames after this one (the list is in username order). */
  after?: string;
  limit: number;
}

@Injectable()
export class UsersRepository {
  async findByUsername(manager: EntityManager, username: string): Promise<UserRecord | undefined> {
    const rows: UserRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM users WHERE username = $1`,
      [username],
    );
    return rows[0] && fromRow(rows[0]);
  }

  /**
   * `share` makes a concurrent disable or password reset wait for the caller's transaction (and
   * the caller for theirs); `update` is what those take, so sessions and account changes never
   * interleave. The user row is always locked before its refresh tokens.
   */
  async findById(
    manager: EntityManager,
    id: string,
    lock?: 'share' | 'update',
  ): Promise<UserRecord | undefined> {
    const rows: UserRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM users WHERE id = $1${lock ? ` FOR ${lock.toUpperCase()}` : ''}`,
      [id],
    );
    return rows[0] && fromRow(rows[0]);
  }

  /** Locks the users' rows in one order (id), so two callers locking the same pair cannot deadlock. */
  async lockByIds(manager: EntityManager, ids: readonly string[]): Promise<UserRecord[]> {
    const rows: UserRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM users WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [[...new Set(ids)]],
    );
    return rows.map(fromRow);
  }

  /** Inserts the user; a taken username is a 409, decided by the unique index, not by a racy pre-check. */
  async insert(manager: EntityManager, user: NewUser): Promise<string> {
    const id = randomUUID();
    try {
      await manager.query(
        `INSERT INTO users (id, username, password_hash, role, enterprise_id, checkpoint_code,
           division_scope)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          id,
          user.username,
          user.passwordHash,
          user.role,
          user.enterpriseId,
          user.checkpointCode,
          user.divisionScope ?? null,
        ],
      );
    } catch (error) {
      if (isConstraintViolation(error, PgErrorCode.UNIQUE_VIOLATION, 'users_username_key')) {
        throw AppError.conflict('USERNAME_TAKEN', 'This username is taken.');
      }
      throw error;
    }
    return id;
  }

  async list(manager: EntityManager, filter: UserFilter): Promise<UserRecord[]> {
    const rows: UserRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM users
       WHERE ($1::text IS NULL OR role = $1)
         AND ($2::boolean IS NULL OR (disabled_at IS NOT NULL) = $2)
         AND ($3::text IS NULL OR username COLLATE "C" > $3)
       ORDER BY username COLLATE "C"
       LIMIT $4`,
      [filter.role ?? null, filter.disabled ?? null, filter.after ?? null, filter.limit],
    );
    return rows.map(fromRow);
  }

  /**
   * Disables (with the reason) or enables the user; returns the row as it is now and the
   * database's time of the change.
   */
  async setDisabled(
    manager: EntityManager,
    id: string,
    disabledReason: string | null,
  ): Promise<{ user: UserRecord; changedAt: Date }> {
    const [row] = await queryReturning<UserRow & { changed_at: Date }>(
      manager,
      `UPDATE users
       SET disabled_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END,
           disabled_reason = $2
       WHERE id = $1 RETURNING ${COLUMNS}, now() AS changed_at`,
      [id, disabledReason],
    );
    return { user: fromRow(row), changedAt: row.changed_at };
  }

  async setPasswordHash(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
    await manager.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
  }

  async setDivisionScope(
    manager: EntityManager,
    id: string,
    divisionScope: string | null,
  ): Promise<UserRecord> {
    const [row] = await queryReturning<UserRow>(
      manager,
      `UPDATE users SET division_scope = $2 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, divisionScope],
    );
    return fromRow(row);
  }

  /** The ids of every disabled user (a short list, read by each replica every few seconds). */
  async disabledIds(manager: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      'SELECT id FROM users WHERE disabled_at IS NOT NULL',
    );
    return rows.map((row) => row.id);
  }
}
