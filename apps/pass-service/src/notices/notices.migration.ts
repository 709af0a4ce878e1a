import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Status notices and webhooks.
 *
 * `pass_notices` is what the live streams read: one row per pass.issued, pass.rejected and
 * pass.revoked event, written by the consumer in the transaction that marks the event processed.
 * Rows are read in the order of (`tx`, `seq`), where `tx` is the writing transaction's id and a
 * reader only takes rows whose transaction is older than every one still running
 * (`pg_snapshot_xmin`): a row committed late with a smaller `seq` can never fall behind a cursor.
 *
 * `enterprise_webhooks` holds one endpoint per enterprise; its secret is a shared HMAC key, so it
 * is stored encrypted (AES-256-GCM, bound to the enterprise id), not hashed.
 *
 * `webhook_deliveries` is the delivery queue and log: written with the notice, claimed by one
 * replica at a time (`FOR UPDATE SKIP LOCKED`, then a lease in `next_attempt_at`).
 */
export class Notices1796930000000 implements MigrationInterface {
  name = 'Notices1796930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE pass_notices (
        seq bigserial PRIMARY KEY,
        tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
        event_id uuid NOT NULL CONSTRAINT pass_notices_event_key UNIQUE,
        enterprise_id uuid NOT NULL,
        pass_id uuid NOT NULL,
        type text NOT NULL CHECK (type IN ('pass.issued', 'pass.rejected', 'pass.revoked')),
        pass_number text,
        plate text,
        reason text,
        occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX pass_notices_tx_seq ON pass_notices (tx, seq)');
    await queryRunner.query(
      'CREATE INDEX pass_notices_enterprise_tx_seq ON pass_notices (enterprise_id, tx, seq)',
    );
    await queryRunner.query('CREATE INDEX pass_notices_created_at ON pass_notices (created_at)');
    await queryRunner.query(`
      CREATE TABLE enterprise_webhooks (
        enterprise_id uuid PRIMARY KEY REFERENCES enterprises (id),
        url text NOT NULL CHECK (length(url) <= 2048),
        secret_encrypted text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid
      )`);
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL CONSTRAINT webhook_deliveries_seq_key UNIQUE,
        enterprise_id uuid NOT NULL REFERENCES enterprises (id),
        event_type text NOT NULL,
        payload text NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        last_url text,
        last_status_code integer,
        last_error text,
        response_excerpt text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
       WHERE status = 'pending'`,
    );
    await queryRunner.query(
      'CREATE INDEX webhook_deliveries_enterprise_seq ON webhook_deliveries (enterprise_id, seq)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE webhook_deliveries');
    await queryRunner.query('DROP TABLE enterprise_webhooks');
    await queryRunner.query('DROP TABLE pass_notices');
  }
}
