import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The vehicle register and plate transfers. A plate belongs to at most one enterprise: the
 * primary rule is the unique plate of `vehicles`, so concurrent applications for a new plate
 * cannot both take it. Existing passes' plates are registered to the enterprise of their latest
 * live (issued or pending) pass, so the rule holds for data from before the register existed.
 * Passes gain the trailer's plate of an articulated truck.
 */
export class VehiclesAndTransfers1796688000000 implements MigrationInterface {
  name = 'VehiclesAndTransfers1796688000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE passes ADD COLUMN trailer_plate text`);
    await queryRunner.query(`
      CREATE TABLE vehicles (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL CONSTRAINT vehicles_seq_key UNIQUE,
        plate text NOT NULL CONSTRAINT vehicles_plate_key UNIQUE,
        enterprise_id uuid NOT NULL REFERENCES enterprises (id),
        kind text NOT NULL CHECK (kind IN ('truck', 'tractor', 'special')),
        trailer_plate text,
        licence_number text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (trailer_plate IS NULL OR kind = 'tractor')
      )`);
    await queryRunner.query(
      'CREATE INDEX vehicles_enterprise_seq ON vehicles (enterprise_id, seq)',
    );
    await queryRunner.query(`
      CREATE TABLE plate_transfers (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL CONSTRAINT plate_transfers_seq_key UNIQUE,
        plate text NOT NULL,
        from_enterprise_id uuid NOT NULL REFERENCES enterprises (id),
        to_enterprise_id uuid NOT NULL REFERENCES enterprises (id),
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        reason text NOT NULL,
        decision_reason text,
        decided_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        CHECK (from_enterprise_id <> to_enterprise_id),
        CHECK ((status = 'pending') = (decided_at IS NULL))
      )`);
    // One open request per plate and requester: asking again while one waits is a conflict.
    await queryRunner.query(`
      CREATE UNIQUE INDEX plate_transfers_one_pending
      ON plate_transfers (plate, to_enterprise_id) WHERE status = 'pending'`);
    await queryRunner.query(
      'CREATE INDEX plate_transfers_to_seq ON plate_transfers (to_enterprise_id, seq)',
    );
    await queryRunner.query(
      'CREATE INDEX plate_transfers_from_seq ON plate_transfers (from_enterprise_id, seq)',
    );
    await queryRunner.query(`
      INSERT INTO vehicles (id, plate, enterprise_id, kind, created_at)
      SELECT gen_random_uuid(), plate, enterprise_id, 'truck', created_at
      FROM (
        SELECT DISTINCT ON (plate) plate, enterprise_id, created_at
        FROM passes WHERE status IN ('issued', 'pending_review')
        ORDER BY plate, seq DESC
      ) latest
      ORDER BY created_at`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE plate_transfers');
    await queryRunner.query('DROP TABLE vehicles');
    await queryRunner.query('ALTER TABLE passes DROP COLUMN trailer_plate');
  }
}
