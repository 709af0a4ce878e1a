import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail, in each service's own schema. Append-only in the database itself: a
 * trigger refuses UPDATE, DELETE and TRUNCATE from any role, the application's included.
 */
export class AuditLog1796428800000 implements MigrationInterface {
  name = 'AuditLog1796428800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_name text NOT NULL,
        actor_role text NOT NULL,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text NOT NULL,
        division_code text CHECK (division_code ~ '^[0-9]{6}$'),
        reason text,
        details jsonb,
        request_id text
      )`);
    await queryRunner.query(
      'CREATE INDEX audit_log_target ON audit_log (target_type, target_id, id)',
    );
    await queryRunner.query(
      'CREATE INDEX audit_log_division ON audit_log (division_code text_pattern_ops, id)',
    );
    await queryRunner.query('CREATE INDEX audit_log_actor ON audit_log (actor_id, id)');
    await queryRunner.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_log');
    await queryRunner.query('DROP FUNCTION audit_log_refuse_change()');
  }
}
