import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every event the live consumer applies, kept beyond the broker's retention so that a rebuild
 * can reach back further than the topics do (a month's report, a year's). Keyed by the event id;
 * the live consumer has already made each id arrive once.
 */
export class EventArchive1796940000000 implements MigrationInterface {
  name = 'EventArchive1796940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE event_archive (
        event_id uuid PRIMARY KEY,
        topic text NOT NULL,
        partition integer NOT NULL,
        occurred_at timestamptz NOT NULL,
        event jsonb NOT NULL,
        archived_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE event_archive');
  }
}
