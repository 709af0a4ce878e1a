import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppError } from '@app/platform';
import { DataSource } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

/** The first admin comes from ADMIN_USERNAME / ADMIN_PASSWORD; an existing account is left as it is. */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdmin.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { password } = this.config.admin;
    const username = this.config.admin.username.toLowerCase();
    if (!password) return;
    if (await this.users.findByUsername(this.dataSource.manager, username)) return;
    try {
      await this.users.insert(this.dataSource.manager, {
        username,
        passwordHash: await this.hasher.hash(password),
        role: 'admin',
        enterpriseId: null,
        checkpointCode: null,
      });
      this.logger.log(`created the first admin '${username}'`);
    } catch (error) {
      // Another replica starting at the same moment created it first.
      if (!(error instanceof AppError && error.code === 'USERNAME_TAKEN')) throw error;
    }
  }
}
