import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Onboarding and jurisdictions. An enterprise now has a review status: the ones registered before
 * this change keep working (`active`), new ones start `pending_review`. Every pass carries its
 * issuing county (the enterprise's division, and the first six digits of its number once issued)
 * so that an official's list filters on the pass row itself, with an index, instead of a join.
 */
export class EnterpriseOnboarding1796601600000 implements MigrationInterface {
  name = 'EnterpriseOnboarding1796601600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The constant default fills existing rows without a rewrite; new rows get the second one.
    await queryRunner.query(`
      ALTER TABLE enterprises
        ADD COLUMN status text NOT NULL DEFAULT 'active'
          CONSTRAINT enterprises_status_check
          CHECK (status IN ('pending_review', 'active', 'rejected', 'suspended')),
        ADD COLUMN status_reason text,
        ADD COLUMN decided_at timestamptz,
        ADD COLUMN decided_by uuid,
        ADD COLUMN seq bigserial NOT NULL CONSTRAINT enterprises_seq_key UNIQUE`);
    await queryRunner.query(
      `ALTER TABLE enterprises ALTER COLUMN status SET DEFAULT 'pending_review'`,
    );
    await queryRunner.query('CREATE INDEX enterprises_status_seq ON enterprises (status, seq)');
    // Province (2 digits), city (4) and county (6) scopes are LIKE prefixes on the division.
    await queryRunner.query(
      'CREATE INDEX enterprises_division_seq ON enterprises (division_code bpchar_pattern_ops, seq)',
    );

    await queryRunner.query('ALTER TABLE passes ADD COLUMN issuing_division char(6)');
    await queryRunner.query(`
      UPDATE passes p SET issuing_division = e.division_code
      FROM enterprises e WHERE e.id = p.enterprise_id`);
    await queryRunner.query(`
      ALTER TABLE passes
        ALTER COLUMN issuing_division SET NOT NULL,
        ADD CONSTRAINT passes_issuing_division_number
          CHECK (pass_number IS NULL OR left(pass_number, 6) = issuing_division)`);
    await queryRunner.query(
      'CREATE INDEX passes_issuing_seq ON passes (issuing_division bpchar_pattern_ops, seq)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX passes_issuing_seq');
    await queryRunner.query(
      'ALTER TABLE passes DROP CONSTRAINT passes_issuing_division_number, DROP COLUMN issuing_division',
    );
    await queryRunner.query('DROP INDEX enterprises_division_seq');
    await queryRunner.query('DROP INDEX enterprises_status_seq');
    await queryRunner.query(`
      ALTER TABLE enterprises
        DROP COLUMN seq, DROP COLUMN decided_by, DROP COLUMN decided_at,
        DROP COLUMN status_reason, DROP COLUMN status`);
  }
}
