import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DisabledUserSource } from './disabled-users';

/**
 * The table verify-service and reporting-service keep from `user.access-changed`: the newest
 * known state of each user whose access changed. An enabled user keeps a row (disabled = false)
 * so that an older event delivered again cannot disable them anew. Each service creates it with
 * its own migration.
 */
export const CREATE_DISABLED_USERS_TABLE = `
  CREATE TABLE disabled_users (
    user_id uuid PRIMARY KEY,
    disabled boolean NOT NULL,
    changed_at timestamptz NOT NULL
  )`;

/** What a `user.access-changed` event says (its data), as this lib takes it. */
export interface UserAccessChange {
  userId: string;
  disabled: boolean;
  /** ISO-8601 instant of the change. */
  at: string;
}

/** Applies the changes inside the consumer's transaction; the newest `at` per user wins. */
export async function recordUserAccessChanges(
  manager: EntityManager,
  changes: readonly UserAccessChange[],
): Promise<void> {
  if (changes.length === 0) return;
  // One row per user in the statement (ON CONFLICT cannot touch a row twice): the newest change.
  const newest = new Map<string, UserAccessChange>();
  for (const data of changes) {
    const seen = newest.get(data.userId);
    if (!seen || Date.parse(data.at) >= Date.parse(seen.at)) newest.set(data.userId, data);
  }
  const rows = [...newest.values()].sort((a, b) => (a.userId < b.userId ? -1 : 1));
  await manager.query(
    `INSERT INTO disabled_users AS t (user_id, disabled, changed_at)
     SELECT * FROM unnest($1::uuid[], $2::boolean[], $3::timestamptz[])
     ON CONFLICT (user_id) DO UPDATE SET disabled = EXCLUDED.disabled, changed_at = EXCLUDED.changed_at
     WHERE EXCLUDED.changed_at >= t.changed_at`,
    [rows.map((r) => r.userId), rows.map((r) => r.disabled), rows.map((r) => r.at)],
  );
}

/** The disabled users as the service's own `disabled_users` table holds them. */
@Injectable()
export class DisabledUsersTable extends DisabledUserSource {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async disabledUserIds(): Promise<string[]> {
    const rows: { user_id: string }[] = await this.dataSource.query(
      'SELECT user_id FROM disabled_users WHERE disabled',
    );
    return rows.map((row) => row.user_id);
  }
}
