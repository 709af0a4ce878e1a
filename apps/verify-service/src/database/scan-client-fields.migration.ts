import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An offline scanner sends its queued scans later: the scan id it chose makes a resend a no-op,
 * and the device's own time of the scan is kept beside the server's.
 */
export class ScanClientFields1764633600000 implements MigrationInterface {
  name = 'ScanClientFields1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scans ADD COLUMN device_scanned_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scans DROP COLUMN device_scanned_at`);
  }
}
