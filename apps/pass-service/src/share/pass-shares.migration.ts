import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Links that show a pass on the driver's phone. At most one per pass (the primary key), so
 * sharing again replaces the link and the old one stops working in the same statement. Only the
 * SHA-256 of the secret is kept: whoever reads the table cannot open a link. A link lives as long
 * as its pass is valid (`valid_until` is read from the pass, never copied), and goes with it.
 */
export class PassShares1796920000000 implements MigrationInterface {
  name = 'PassShares1796920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE pass_shares (
        pass_id uuid PRIMARY KEY REFERENCES passes (id) ON DELETE CASCADE,
        secret_hash bytea NOT NULL CONSTRAINT pass_shares_secret_hash_key UNIQUE
          CHECK (octet_length(secret_hash) = 32),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE pass_shares');
  }
}
