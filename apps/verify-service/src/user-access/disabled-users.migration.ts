import { CREATE_DISABLED_USERS_TABLE } from '@app/auth';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The users pass-service has disabled, as `user.access-changed` tells: the guard refuses them. */
export class DisabledUsers1796774400000 implements MigrationInterface {
  name = 'DisabledUsers1796774400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(CREATE_DISABLED_USERS_TABLE);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE disabled_users');
  }
}
