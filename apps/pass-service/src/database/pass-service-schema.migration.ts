import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * pass-service's own tables, in its schema (the connection's search_path points there).
 * Invariants live in the database so that concurrent requests and replicas cannot break them:
 * unique credit codes and usernames, one active key per purpose, gap-free per-county serials,
 * one live pass per plate and time window, one pass per idempotency key.
 */
export class PassServiceSchema1764460800000 implements MigrationInterface {
  name = 'PassServiceSchema1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // In public so that every schema of the database sees the operator classes; one extension per database.
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public');
    await queryRunner.query(`
      CREATE TABLE enterprises (
        id uuid PRIMARY KEY,
        credit_code char(18) NOT NULL CONSTRAINT enterprises_credit_code_key UNIQUE,
        name text NOT NULL,
        division_code char(6) NOT NULL,
        contact_name text NOT NULL,
        contact_phone text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        username text NOT NULL CONSTRAINT users_username_key UNIQUE,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('enterprise', 'official', 'officer', 'admin')),
        enterprise_id uuid REFERENCES enterprises (id),
        checkpoint_code text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'enterprise') = (enterprise_id IS NOT NULL)),
        CHECK ((role = 'officer') = (checkpoint_code IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE signing_keys (
        kid text PRIMARY KEY,
        purpose text NOT NULL CHECK (purpose IN ('pass', 'access')),
        public_jwk jsonb NOT NULL,
        private_key_encrypted text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'retired')),
        activated_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (purpose) WHERE status = 'active'`,
    );
    await queryRunner.query(`
      CREATE TABLE county_serials (
        county char(6) PRIMARY KEY,
        last integer NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE passes (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL CONSTRAINT passes_seq_key UNIQUE,
        pass_number char(12) CONSTRAINT passes_pass_number_key UNIQUE,
        enterprise_id uuid NOT NULL REFERENCES enterprises (id),
        plate text NOT NULL,
        driver_name text NOT NULL,
        driver_phone text NOT NULL,
        cargo_category text NOT NULL,
        cargo_description text,
        tonnage_kg bigint NOT NULL CHECK (tonnage_kg > 0),
        origin_division char(6) NOT NULL,
        destination_division char(6) NOT NULL,
        cross_province boolean NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL CHECK (valid_until > valid_from),
        status text NOT NULL CHECK (status IN ('pending_review', 'issued', 'rejected', 'revoked')),
        token text,
        kid text REFERENCES signing_keys (kid),
        rejection_reason text,
        revocation_reason text,
        revoked_by_role text,
        idempotency_key text,
        request_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        issued_at timestamptz,
        reviewed_at timestamptz,
        reviewed_by uuid,
        revoked_at timestamptz,
        revoked_by uuid,
        CONSTRAINT passes_idempotency_key UNIQUE (enterprise_id, idempotency_key),
        CHECK ((status IN ('issued', 'revoked')) = (token IS NOT NULL AND pass_number IS NOT NULL)),
        CONSTRAINT passes_no_overlap EXCLUDE USING gist (
          plate WITH =,
          tstzrange(valid_from, valid_until) WITH &&
        ) WHERE (status IN ('pending_review', 'issued'))
      )`);
    await queryRunner.query('CREATE INDEX passes_enterprise_seq ON passes (enterprise_id, seq)');
    await queryRunner.query('CREATE INDEX passes_status_seq ON passes (status, seq)');
    await queryRunner.query('CREATE INDEX passes_plate ON passes (plate)');
    // The JWKS keeps a retired key while a pass it signed is still valid.
    await queryRunner.query(
      'CREATE INDEX passes_kid_valid_until ON passes (kid, valid_until) WHERE kid IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['passes', 'county_serials', 'signing_keys', 'users', 'enterprises']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
