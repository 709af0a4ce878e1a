import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Jurisdictions in reports: the pass aggregates gain the pass's issuing county (the first six
 * digits of its number), so that an official's reports count the passes their jurisdiction
 * issued; scans are scoped by the checkpoint's division, which checkpoint_hourly already holds.
 * Rows written before this change do not know their issuing county (''): the admin's nationwide
 * totals include them, a scoped report does not until a rebuild (`npm run rebuild`) replays the
 * topics into rows that do.
 */
export class ReportScopes1796868000000 implements MigrationInterface {
  name = 'ReportScopes1796868000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE pass_daily ADD COLUMN issuing text NOT NULL DEFAULT ''`);
    // Every writer names it from now on; the default only filled the rows already there.
    await queryRunner.query('ALTER TABLE pass_daily ALTER COLUMN issuing DROP DEFAULT');
    await queryRunner.query(`
      ALTER TABLE pass_daily
        DROP CONSTRAINT pass_daily_pkey,
        ADD CONSTRAINT pass_daily_pkey
          PRIMARY KEY (generation, day, cargo, origin, destination, enterprise, issuing)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Rows that differ only by issuing county fold back into one.
    await queryRunner.query(`
      CREATE TEMP TABLE pass_daily_folded ON COMMIT DROP AS
      SELECT generation, day, cargo, origin, destination, enterprise,
        sum(passes_issued) AS passes_issued, sum(passes_revoked) AS passes_revoked,
        sum(cross_province) AS cross_province, sum(tonnage_declared_kg) AS tonnage_declared_kg
      FROM pass_daily GROUP BY 1, 2, 3, 4, 5, 6`);
    await queryRunner.query('DELETE FROM pass_daily');
    await queryRunner.query(`
      ALTER TABLE pass_daily
        DROP CONSTRAINT pass_daily_pkey,
        DROP COLUMN issuing,
        ADD CONSTRAINT pass_daily_pkey
          PRIMARY KEY (generation, day, cargo, origin, destination, enterprise)`);
    await queryRunner.query(`
      INSERT INTO pass_daily (generation, day, cargo, origin, destination, enterprise,
        passes_issued, passes_revoked, cross_province, tonnage_declared_kg)
      SELECT * FROM pass_daily_folded`);
  }
}
