import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batch applications from a spreadsheet. A batch is identified by its enterprise and the
 * SHA-256 of the uploaded bytes: the unique constraint makes the same file uploaded twice (even
 * at the same instant) one batch. Each row's outcome is kept with the cells as read, so the
 * result can be shown and downloaded again without the original file.
 */
export class PassBatches1796910000000 implements MigrationInterface {
  name = 'PassBatches1796910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE pass_batches (
        id uuid PRIMARY KEY,
        enterprise_id uuid NOT NULL REFERENCES enterprises (id),
        file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
        file_name text NOT NULL,
        file_kind text NOT NULL CHECK (file_kind IN ('xlsx', 'csv')),
        headers jsonb NOT NULL,
        row_count integer NOT NULL CHECK (row_count BETWEEN 1 AND 500),
        status text NOT NULL CHECK (status IN ('running', 'done')),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        claimed_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT pass_batches_enterprise_file UNIQUE (enterprise_id, file_sha256),
        CHECK ((status = 'done') = (finished_at IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE pass_batch_rows (
        batch_id uuid NOT NULL REFERENCES pass_batches (id),
        row_number integer NOT NULL,
        status text NOT NULL CHECK (status IN ('issued', 'pending_review', 'invalid', 'refused')),
        pass_id uuid,
        pass_number text,
        errors jsonb,
        cells jsonb NOT NULL,
        PRIMARY KEY (batch_id, row_number)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE pass_batch_rows');
    await queryRunner.query('DROP TABLE pass_batches');
  }
}
