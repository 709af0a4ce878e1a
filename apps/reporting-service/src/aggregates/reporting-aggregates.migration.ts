import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pre-aggregated counters, so no report scans raw events. Every aggregate row belongs to a
 * generation: the live one answers reports, a building one is filled by a rebuild beside it and
 * becomes live in one switch. Kilograms are bigint: sums of a month exceed 2^31 and floats drift.
 * Empty strings stand for "not known" (a rejected scan of a QR that was not a pass) because
 * NULL would break the primary keys the upserts rely on.
 */
export class ReportingAggregates1764460800000 implements MigrationInterface {
  name = 'ReportingAggregates1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report_generations (
        generation int PRIMARY KEY,
        state text NOT NULL CHECK (state IN ('live', 'building', 'retired')),
        -- The consumer group a rebuild replays with, so an interrupted one resumes where it was.
        replay_group text,
        created_at timestamptz NOT NULL DEFAULT now(),
        switched_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX report_generations_one_live ON report_generations ((true)) WHERE state = 'live'`,
    );
    await queryRunner.query(
      `INSERT INTO report_generations (generation, state) VALUES (1, 'live')`,
    );
    await queryRunner.query(`
      CREATE TABLE generation_events (
        generation int NOT NULL,
        event_id uuid NOT NULL,
        topic text NOT NULL,
        PRIMARY KEY (generation, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE pass_daily (
        generation int NOT NULL,
        day date NOT NULL,
        cargo text NOT NULL,
        origin text NOT NULL,
        destination text NOT NULL,
        enterprise text NOT NULL,
        passes_issued bigint NOT NULL DEFAULT 0,
        passes_revoked bigint NOT NULL DEFAULT 0,
        cross_province bigint NOT NULL DEFAULT 0,
        tonnage_declared_kg bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (generation, day, cargo, origin, destination, enterprise)
      )`);
    await queryRunner.query(`
      CREATE TABLE checkpoint_hourly (
        generation int NOT NULL,
        day date NOT NULL,
        hour smallint NOT NULL,
        checkpoint text NOT NULL,
        checkpoint_division text NOT NULL,
        cargo text NOT NULL,
        origin text NOT NULL,
        destination text NOT NULL,
        enterprise text NOT NULL,
        reason text NOT NULL,
        scans bigint NOT NULL DEFAULT 0,
        tonnage_through_kg bigint NOT NULL DEFAULT 0,
        clone_flags bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (generation, day, hour, checkpoint, checkpoint_division, cargo, origin, destination, enterprise, reason)
      )`);
    await queryRunner.query(`
      CREATE TABLE enterprises (
        credit_code text PRIMARY KEY,
        name text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE freshness (
        generation int NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        newest_occurred_at timestamptz NOT NULL,
        PRIMARY KEY (generation, topic, partition)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'freshness',
      'enterprises',
      'checkpoint_hourly',
      'pass_daily',
      'generation_events',
      'report_generations',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
