import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PeriodicTask } from '@app/platform';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { queryReturning } from '../database/query-returning';

/** A refresh token as the client holds it: 32 random bytes, base64url. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const PRUNE_INTERVAL_MS = 3_600_000;
const PRUNE_BATCH = 10_000;

export interface NewRefreshToken {
  refreshToken: string;
  /** Seconds until the family ends (the same end for every token of a family). */
  refreshExpiresIn: number;
  familyId: string;
}

/** What a token presented for a refresh turned out to be. */
export type Rotation =
  | { outcome: 'rotated'; next: NewRefreshToken }
  /** Spent before: its family is now ended. */
  | { outcome: 'reused' }
  /** Unknown, expired, or of an ended family. */
  | { outcome: 'invalid' };

interface Presented {
  userId: string;
  familyId: string;
}

/**
 * Refresh tokens by their SHA-256 (the token itself is never stored, so a copy of the table
 * opens no session). A login starts a family; a refresh spends the token it presents and adds the
 * next one to the family. Spending is one atomic UPDATE ... WHERE used_at IS NULL: of two
 * refreshes with one token, exactly one gets a row back; the other finds the token spent, which
 * is what a stolen token looks like, and ends the family.
 */
@Injectable()
export class RefreshTokens implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pruning = new PeriodicTask(
    'pruning refresh tokens',
    () => this.pruneExpired(),
    new Logger(RefreshTokens.name),
  );

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.pruning.start(PRUNE_INTERVAL_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.pruning.stop();
  }

  /** A new family (a login on one device) that ends `ttlSeconds` from now. */
  async startFamily(
    manager: EntityManager,
    userId: string,
    ttlSeconds: number,
  ): Promise<NewRefreshToken> {
    const refreshToken = newToken();
    const familyId = randomUUID();
    const [row]: { expires_in: number }[] = await manager.query(
      `INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))
       RETURNING ${EXPIRES_IN} AS expires_in`,
      [hashOf(refreshToken), familyId, userId, ttlSeconds],
    );
    return { refreshToken, refreshExpiresIn: row.expires_in, familyId };
  }

  /**
   * The user and family a token names, whatever its state; undefined for anything that is not
   * a token this service issued. Read without a lock: the caller locks the user, then rotates.
   */
  async find(manager: EntityManager, token: string): Promise<Presented | undefined> {
    if (!TOKEN_SHAPE.test(token)) return undefined;
    const rows: { user_id: string; family_id: string }[] = await manager.query(
      'SELECT user_id, family_id FROM refresh_tokens WHERE token_hash = $1',
      [hashOf(token)],
    );
    return rows[0] && { userId: rows[0].user_id, familyId: rows[0].family_id };
  }

  /**
   * Spends the token and adds its successor, in one statement. Must run in a transaction, after
   * the user's row is locked, so that ending a reused family below sees a successor that a
   * concurrent winner committed (each statement reads afresh under READ COMMITTED).
   */
  async rotate(manager: EntityManager, token: string): Promise<Rotation> {
    if (!TOKEN_SHAPE.test(token)) return { outcome: 'invalid' };
    const hash = hashOf(token);
    const nextToken = newToken();
    // A concurrent refresh of the same token waits here on the row lock until the first one
    // commits, then finds used_at set and gets no row back.
    const spent: { family_id: string; expires_in: number }[] = await manager.query(
      `WITH spent AS (
         UPDATE refresh_tokens SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND ended_at IS NULL AND expires_at > now()
         RETURNING family_id, user_id, expires_at
       ), next AS (
         INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at)
         SELECT $2, family_id, user_id, expires_at FROM spent
       )
       SELECT family_id, ${EXPIRES_IN} AS expires_in FROM spent`,
      [hash, hashOf(nextToken)],
    );
    if (spent[0]) {
      return {
        outcome: 'rotated',
        next: {
          refreshToken: nextToken,
          refreshExpiresIn: spent[0].expires_in,
          familyId: spent[0].family_id,
        },
      };
    }
    const ended = await queryReturning<{ family_id: string }>(
      manager,
      `UPDATE refresh_tokens SET ended_at = now()
       WHERE ended_at IS NULL AND family_id = (
         SELECT family_id FROM refresh_tokens
         WHERE token_hash = $1 AND used_at IS NOT NULL AND expires_at > now())
       RETURNING family_id`,
      [hash],
    );
    if (ended.length > 0) return { outcome: 'reused' };
    // A spent token of a family that has already ended is reported as reused too.
    const [state]: { reused: boolean }[] = await manager.query(
      `SELECT used_at IS NOT NULL AND expires_at > now() AS reused
       FROM refresh_tokens WHERE token_hash = $1`,
      [hash],
    );
    return state?.reused ? { outcome: 'reused' } : { outcome: 'invalid' };
  }

  /** Ends the family the token belongs to (logout); false when the token names none. */
  async endFamilyOf(manager: EntityManager, token: string): Promise<boolean> {
    if (!TOKEN_SHAPE.test(token)) return false;
    const rows: unknown[] = await manager.query(
      `WITH family AS (SELECT family_id FROM refresh_tokens WHERE token_hash = $1),
       ended AS (
         UPDATE refresh_tokens SET ended_at = now()
         WHERE family_id = (SELECT family_id FROM family) AND ended_at IS NULL
       )
       SELECT 1 FROM family`,
      [hashOf(token)],
    );
    return rows.length > 0;
  }

  /**
   * Ends every live family of the user (disabled, password reset or changed), but `keep`. The
   * caller holds the user's row locked, so no refresh adds a token meanwhile.
   */
  async endFamiliesOf(manager: EntityManager, userId: string, keep?: string): Promise<number> {
    const rows = await queryReturning<{ family_id: string }>(
      manager,
      `UPDATE refresh_tokens SET ended_at = now()
       WHERE user_id = $1 AND ended_at IS NULL AND ($2::uuid IS NULL OR family_id <> $2)
       RETURNING family_id`,
      [userId, keep ?? null],
    );
    return new Set(rows.map((r) => r.family_id)).size;
  }

  /** Deletes the tokens of ended sessions: past their end, no token is anything but invalid. */
  async pruneExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const [{ deleted }]: { deleted: number }[] = await this.dataSource.manager.query(
        `WITH gone AS (
           DELETE FROM refresh_tokens WHERE token_hash IN (
             SELECT token_hash FROM refresh_tokens WHERE expires_at < now()
             LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED)
           RETURNING 1)
         SELECT count(*)::int AS deleted FROM gone`,
      );
      total += deleted;
      if (deleted < PRUNE_BATCH) return total;
    }
  }
}

/** Whole seconds until a family ends, at least 1 while it is live. */
const EXPIRES_IN = 'greatest(1, ceil(extract(epoch FROM expires_at - now())))::int';

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function hashOf(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
