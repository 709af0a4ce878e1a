import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A client-chosen scan id makes a resend a no-op only when it is the same request: the hash of
 * what was sent (QR bytes, checkpoint, officer, direction) tells a resend from an id used again.
 * Rows from before it have none; they are compared field by field.
 */
export class ScanRequestHash1796169600000 implements MigrationInterface {
  name = 'ScanRequestHash1796169600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scans ADD COLUMN request_hash text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scans DROP COLUMN request_hash`);
  }
}
