import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counters of login and registration attempts, shared by every replica. One row per bucket (an
 * address, a user, a user at an address); its window starts with its first attempt and ends at
 * `expires_at`, after which the next attempt starts a new one and a timer deletes what is left.
 */
export class AttemptCounters1796342400000 implements MigrationInterface {
  name = 'AttemptCounters1796342400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE attempt_counters (
        bucket text PRIMARY KEY CHECK (octet_length(bucket) <= 512),
        attempts integer NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX attempt_counters_expires_at ON attempt_counters (expires_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE attempt_counters`);
  }
}
