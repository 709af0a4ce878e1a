import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Renewal and cancellation. A pass may be the renewal of an earlier one of the same enterprise
 * (`renewed_from`), and an application still in review may be withdrawn by its enterprise: the
 * new status `cancelled`, which, like `rejected`, frees the plate's window (the overlap
 * exclusion only covers `pending_review` and `issued`) and never carries a number or a token.
 */
export class RenewAndCancel1796900000000 implements MigrationInterface {
  name = 'RenewAndCancel1796900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE passes
        ADD COLUMN renewed_from uuid CONSTRAINT passes_renewed_from_fkey REFERENCES passes (id),
        ADD COLUMN cancelled_at timestamptz,
        DROP CONSTRAINT passes_status_check,
        ADD CONSTRAINT passes_status_check
          CHECK (status IN ('pending_review', 'issued', 'rejected', 'revoked', 'cancelled')),
        ADD CONSTRAINT passes_cancelled_at
          CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM passes WHERE status = 'cancelled'`);
    await queryRunner.query(`
      ALTER TABLE passes
        DROP CONSTRAINT passes_cancelled_at,
        DROP CONSTRAINT passes_status_check,
        ADD CONSTRAINT passes_status_check
          CHECK (status IN ('pending_review', 'issued', 'rejected', 'revoked')),
        DROP COLUMN cancelled_at,
        DROP COLUMN renewed_from`);
  }
}
