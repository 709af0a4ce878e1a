import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * verify-service's own tables. Tonnage is bigint kilograms (no floats). Revocations carry a
 * version from a sequence so an offline scanner can ask for "everything after version N".
 */
export class VerifyTables1764547200000 implements MigrationInterface {
  name = 'VerifyTables1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE checkpoints (
        code text PRIMARY KEY,
        name text NOT NULL,
        division_code char(6) NOT NULL,
        corridor_divisions char(6)[] NOT NULL DEFAULT '{}',
        latitude double precision,
        longitude double precision,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((latitude IS NULL) = (longitude IS NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE trusted_keys (
        kid text PRIMARY KEY,
        public_jwk jsonb NOT NULL,
        source text NOT NULL CHECK (source IN ('jwks', 'event')),
        fetched_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Officers' access-token keys, kept so that a restart while pass-service is down still
    // lets officers in (their tokens are signed by pass-service, the identity provider).
    await queryRunner.query(`
      CREATE TABLE access_token_keys (
        kid text PRIMARY KEY,
        public_jwk jsonb NOT NULL,
        fetched_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE SEQUENCE revocation_version`);
    await queryRunner.query(`
      CREATE TABLE revocations (
        pass_id uuid PRIMARY KEY,
        pass_number char(12) NOT NULL,
        valid_until timestamptz NOT NULL,
        version bigint NOT NULL UNIQUE DEFAULT nextval('revocation_version'),
        revoked_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX revocations_valid_until ON revocations (valid_until)`);
    // One row: how far pruning has gone, so a scanner knows which of its entries it can drop.
    await queryRunner.query(`
      CREATE TABLE revocation_list_state (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        pruned_before timestamptz
      )`);
    await queryRunner.query(`INSERT INTO revocation_list_state (id) VALUES (true)`);
    await queryRunner.query(`
      CREATE TABLE scans (
        id uuid PRIMARY KEY,
        checkpoint_code text NOT NULL REFERENCES checkpoints (code),
        officer_user_id uuid NOT NULL,
        officer_username text NOT NULL,
        direction text NOT NULL CHECK (direction IN ('entry', 'exit')),
        verdict text NOT NULL CHECK (verdict IN ('accepted', 'rejected')),
        reason text,
        pass_id uuid,
        pass_number char(12),
        plate text,
        observed_plate text,
        tonnage_kg bigint,
        clone_suspected boolean NOT NULL,
        leeway_seconds integer NOT NULL,
        checked_at timestamptz NOT NULL,
        CHECK ((verdict = 'accepted') = (reason IS NULL))
      )`);
    // Cursor pagination walks (checked_at, id) newest first, overall or within one checkpoint.
    await queryRunner.query(`CREATE INDEX scans_checked ON scans (checked_at DESC, id DESC)`);
    await queryRunner.query(
      `CREATE INDEX scans_checkpoint_checked ON scans (checkpoint_code, checked_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX scans_pass_number ON scans (pass_number, checked_at DESC) WHERE pass_number IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX scans_plate ON scans (plate, checked_at DESC) WHERE plate IS NOT NULL`,
    );
    // Seeds the clone detector's memory at start-up: recent accepted scans only.
    await queryRunner.query(
      `CREATE INDEX scans_accepted_recent ON scans (checked_at) WHERE verdict = 'accepted'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE scans');
    await queryRunner.query('DROP TABLE revocation_list_state');
    await queryRunner.query('DROP TABLE revocations');
    await queryRunner.query('DROP SEQUENCE revocation_version');
    await queryRunner.query('DROP TABLE access_token_keys');
    await queryRunner.query('DROP TABLE trusted_keys');
    await queryRunner.query('DROP TABLE checkpoints');
  }
}
