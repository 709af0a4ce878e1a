import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions for a shift and accounts an admin can manage.
 * - users: an official's division scope (NULL is nationwide; only officials have one), and the
 *   disabled state with its reason.
 * - refresh_tokens: one row per refresh token ever issued, by the SHA-256 of the token (the token
 *   itself is never stored). A login starts a family; each refresh spends its token (used_at)
 *   and adds the next one to the family with the family's own end (expires_at). A spent token
 *   presented again ends the whole family (ended_at on every row), as do logout, disabling the
 *   user and a password reset.
 */
export class IdentitySessions1796515200000 implements MigrationInterface {
  name = 'IdentitySessions1796515200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users
        ADD COLUMN division_scope char(6),
        ADD COLUMN disabled_at timestamptz,
        ADD COLUMN disabled_reason text,
        ADD CONSTRAINT users_division_scope_official
          CHECK (division_scope IS NULL OR role = 'official'),
        ADD CONSTRAINT users_division_scope_digits CHECK (division_scope ~ '^[0-9]{6}$'),
        ADD CONSTRAINT users_disabled_reason CHECK (disabled_at IS NOT NULL OR disabled_reason IS NULL)`);
    // Every replica reads the disabled users every few seconds: a small partial index.
    await queryRunner.query(
      'CREATE INDEX users_disabled ON users (id) WHERE disabled_at IS NOT NULL',
    );
    await queryRunner.query(`
      CREATE TABLE refresh_tokens (
        token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
        family_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id),
        issued_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        ended_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)');
    await queryRunner.query(
      'CREATE INDEX refresh_tokens_user_live ON refresh_tokens (user_id) WHERE ended_at IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX refresh_tokens_expires_at ON refresh_tokens (expires_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE refresh_tokens');
    await queryRunner.query('DROP INDEX users_disabled');
    await queryRunner.query(`
      ALTER TABLE users
        DROP COLUMN division_scope,
        DROP COLUMN disabled_at,
        DROP COLUMN disabled_reason`);
  }
}
