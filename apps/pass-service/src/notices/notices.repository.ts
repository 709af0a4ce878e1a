import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryReturning } from '../database/query-returning';
import type { DeliveryRecord, NoticeCursor, NoticeRecord, NoticeType } from './notice.record';

export interface NewNotice {
  eventId: string;
  enterpriseId: string;
  passId: string;
  type: NoticeType;
  passNumber: string | null;
  plate: string | null;
  reason: string | null;
  occurredAt: string;
}

export interface NewDelivery {
  id: string;
  enterpriseId: string;
  eventType: NoticeType;
  payload: string;
}

export interface ClaimedDelivery {
  id: string;
  enterpriseId: string;
  eventType: NoticeType;
  payload: string;
  attempts: number;
}

export interface WebhookRow {
  enterpriseId: string;
  url: string;
  secretEncrypted: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeliveryOutcome {
  url: string | null;
  statusCode: number | null;
  error: string | null;
  excerpt: string | null;
  delivered: boolean;
  /** For a failure: when to try again, or undefined when the attempts are spent. */
  retryInMs?: number;
}

interface NoticeRow {
  tx: string;
  seq: string;
  enterprise_id: string;
  pass_id: string;
  type: NoticeType;
  pass_number: string | null;
  plate: string | null;
  reason: string | null;
  occurred_at: Date;
}

const NOTICE_COLUMNS =
  'tx::text AS tx, seq::text AS seq, enterprise_id, pass_id, type, pass_number, plate, reason, occurred_at';

// Only rows whose transaction is older than every transaction still running: a row that commits
// later always sorts after them, so a cursor never skips one (see the migration).
const SETTLED = 'tx < pg_snapshot_xmin(pg_current_snapshot())';

const fromNoticeRow = (row: NoticeRow): NoticeRecord => ({
  cursor: { tx: BigInt(row.tx), seq: BigInt(row.seq) },
  enterpriseId: row.enterprise_id,
  passId: row.pass_id,
  type: row.type,
  passNumber: row.pass_number,
  plate: row.plate,
  reason: row.reason,
  occurredAt: row.occurred_at.toISOString(),
});

const DELIVERY_COLUMNS = `id, seq::text AS seq, event_type AS "eventType", status, attempts,
  next_attempt_at AS "nextAttemptAt", last_attempt_at AS "lastAttemptAt", last_url AS "lastUrl",
  last_status_code AS "lastStatusCode", last_error AS "lastError",
  response_excerpt AS "responseExcerpt", created_at AS "createdAt", finished_at AS "finishedAt"`;

@Injectable()
export class NoticesRepository {
  // ---------------------------------------------------------------- notices

  async insertNotices(manager: EntityManager, notices: readonly NewNotice[]): Promise<void> {
    if (notices.length === 0) return;
    await manager.query(
      `INSERT INTO pass_notices
         (event_id, enterprise_id, pass_id, type, pass_number, plate, reason, occurred_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[],
         $6::text[], $7::text[], $8::timestamptz[])
       ON CONFLICT (event_id) DO NOTHING`,
      [
        notices.map((n) => n.eventId),
        notices.map((n) => n.enterpriseId),
        notices.map((n) => n.passId),
        notices.map((n) => n.type),
        notices.map((n) => n.passNumber),
        notices.map((n) => n.plate),
        notices.map((n) => n.reason),
        notices.map((n) => n.occurredAt),
      ],
    );
  }

  /** The newest settled notice's cursor: where a reader that wants only what comes next starts. */
  async head(manager: EntityManager): Promise<NoticeCursor> {
    const rows: { tx: string; seq: string }[] = await manager.query(
      `SELECT tx::text AS tx, seq::text AS seq FROM pass_notices WHERE ${SETTLED}
       ORDER BY tx DESC, seq DESC LIMIT 1`,
    );
    return rows.length ? { tx: BigInt(rows[0].tx), seq: BigInt(rows[0].seq) } : { tx: 0n, seq: 0n };
  }

  /** Settled notices after the cursor, oldest first; of one enterprise when it is given. */
  async after(
    manager: EntityManager,
    cursor: NoticeCursor,
    limit: number,
    enterpriseId?: string,
  ): Promise<NoticeRecord[]> {
    const params: unknown[] = [cursor.tx.toString(), cursor.seq.toString(), limit];
    let own = '';
    if (enterpriseId !== undefined) {
      params.push(enterpriseId);
      own = 'AND enterprise_id = $4';
    }
    const rows: NoticeRow[] = await manager.query(
      `SELECT ${NOTICE_COLUMNS} FROM pass_notices
       WHERE (tx, seq) > ($1::xid8, $2::bigint) AND ${SETTLED} ${own}
       ORDER BY tx, seq LIMIT $3`,
      params,
    );
    return rows.map(fromNoticeRow);
  }

  async pruneNotices(manager: EntityManager, olderThanHours: number): Promise<void> {
    await manager.query(
      `DELETE FROM pass_notices WHERE created_at < now() - make_interval(hours => $1)`,
      [olderThanHours],
    );
  }

  // ---------------------------------------------------------------- webhooks

  async findWebhook(manager: EntityManager, enterpriseId: string): Promise<WebhookRow | undefined> {
    const [row] = await this.webhooksOf(manager, [enterpriseId]);
    return row;
  }

  async webhooksOf(
    manager: EntityManager,
    enterpriseIds: readonly string[],
  ): Promise<WebhookRow[]> {
    if (enterpriseIds.length === 0) return [];
    return manager.query(
      `SELECT enterprise_id AS "enterpriseId", url, secret_encrypted AS "secretEncrypted",
         created_at AS "createdAt", updated_at AS "updatedAt"
       FROM enterprise_webhooks WHERE enterprise_id = ANY($1::uuid[])`,
      [enterpriseIds],
    );
  }

  /**
   * Sets the enterprise's endpoint. `created_at` (from when changes are delivered) stays when
   * only the URL or the secret changes.
   */
  async upsertWebhook(
    manager: EntityManager,
    enterpriseId: string,
    url: string,
    secretEncrypted: string,
    userId: string,
  ): Promise<WebhookRow> {
    const [row] = await queryReturning<WebhookRow>(
      manager,
      `INSERT INTO enterprise_webhooks (enterprise_id, url, secret_encrypted, updated_by)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (enterprise_id) DO UPDATE SET url = EXCLUDED.url,
         secret_encrypted = EXCLUDED.secret_encrypted, updated_at = now(),
         updated_by = EXCLUDED.updated_by
       RETURNING enterprise_id AS "enterpriseId", url, secret_encrypted AS "secretEncrypted",
         created_at AS "createdAt", updated_at AS "updatedAt"`,
      [enterpriseId, url, secretEncrypted, userId],
    );
    return row;
  }

  /** Removes the endpoint; its deliveries still waiting end as failed. Whether there was one. */
  async deleteWebhook(manager: EntityManager, enterpriseId: string): Promise<boolean> {
    const removed = await queryReturning<{ enterprise_id: string }>(
      manager,
      'DELETE FROM enterprise_webhooks WHERE enterprise_id = $1 RETURNING enterprise_id',
      [enterpriseId],
    );
    await manager.query(
      `UPDATE webhook_deliveries SET status = 'failed', finished_at = now(),
         last_error = 'webhook removed'
       WHERE enterprise_id = $1 AND status = 'pending'`,
      [enterpriseId],
    );
    return removed.length > 0;
  }

  // ---------------------------------------------------------------- deliveries

  async insertDeliveries(
    manager: EntityManager,
    deliveries: readonly NewDelivery[],
  ): Promise<void> {
    if (deliveries.length === 0) return;
    await manager.query(
      `INSERT INTO webhook_deliveries (id, enterprise_id, event_type, payload)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])
       ON CONFLICT (id) DO NOTHING`,
      [
        deliveries.map((d) => d.id),
        deliveries.map((d) => d.enterpriseId),
        deliveries.map((d) => d.eventType),
        deliveries.map((d) => d.payload),
      ],
    );
  }

  /**
   * Takes up to `limit` due deliveries for this replica: rows another replica holds are skipped
   * (SKIP LOCKED), and each taken row is leased (its next attempt pushed past `leaseMs`) and its
   * attempt counted in the same statement, so no other replica takes it while it is being sent.
   * A replica that dies mid-send leaves the row to be taken again when the lease ends.
   */
  claimDue(manager: EntityManager, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return queryReturning<ClaimedDelivery>(
      manager,
      `WITH due AS (
         SELECT id FROM webhook_deliveries
         WHERE status = 'pending' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE webhook_deliveries d SET attempts = d.attempts + 1, last_attempt_at = now(),
         next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
       FROM due WHERE d.id = due.id
       RETURNING d.id, d.enterprise_id AS "enterpriseId", d.event_type AS "eventType",
         d.payload, d.attempts`,
      [limit, leaseMs],
    );
  }

  /** Records an attempt's outcome, unless the row was taken again meanwhile (lease ran out). */
  async recordOutcome(
    manager: EntityManager,
    id: string,
    attempt: number,
    outcome: DeliveryOutcome,
  ): Promise<void> {
    const status = outcome.delivered
      ? 'delivered'
      : outcome.retryInMs === undefined
        ? 'failed'
        : 'pending';
    await manager.query(
      `UPDATE webhook_deliveries SET status = $3, last_url = $4, last_status_code = $5,
         last_error = $6, response_excerpt = $7,
         next_attempt_at = CASE WHEN $3 = 'pending'
           THEN now() + make_interval(secs => $8::double precision / 1000) ELSE next_attempt_at END,
         finished_at = CASE WHEN $3 = 'pending' THEN NULL ELSE now() END
       WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [
        id,
        attempt,
        status,
        outcome.url,
        outcome.statusCode,
        outcome.error,
        outcome.excerpt,
        outcome.retryInMs ?? 0,
      ],
    );
  }

  /** The enterprise's deliveries, newest first, before the `seq` cursor. */
  listDeliveries(
    manager: EntityManager,
    enterpriseId: string,
    beforeSeq: string | undefined,
    limit: number,
  ): Promise<DeliveryRecord[]> {
    return manager.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries
       WHERE enterprise_id = $1 AND ($2::bigint IS NULL OR seq < $2::bigint)
       ORDER BY seq DESC LIMIT $3`,
      [enterpriseId, beforeSeq ?? null, limit],
    );
  }

  async pruneDeliveries(manager: EntityManager, olderThanDays: number): Promise<void> {
    await manager.query(
      `DELETE FROM webhook_deliveries
       WHERE status <> 'pending' AND finished_at < now() - make_interval(days => $1)`,
      [olderThanDays],
    );
  }
}
