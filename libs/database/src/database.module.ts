import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runServiceMigrations } from './service-data-source';

export interface DatabaseModuleOptions {
  dataSource: DataSource;
  runMigrations: boolean;
}

const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

/** Opens the pool at start (optionally migrating) and closes it last at shutdown. */
@Injectable()
export class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(@Inject(DATABASE_OPTIONS) private readonly options: DatabaseModuleOptions) {}

  async onModuleInit(): Promise<void> {
    const { dataSource } = this.options;
    if (!dataSource.isInitialized) await dataSource.initialize();
    if (this.options.runMigrations) {
      const applied = await runServiceMigrations(dataSource);
      if (applied.length) this.logger.log(`applied migrations: ${applied.join(', ')}`);
    }
  }

  // Shutdown hooks run after consumers and relays have stopped, so the pool closes last.
  async onApplicationShutdown(): Promise<void> {
    if (this.options.dataSource.isInitialized) await this.options.dataSource.destroy();
  }
}

@Injectable()
export class DatabaseHealth {
  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}

@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        { provide: DATABASE_OPTIONS, useValue: options },
        { provide: DataSource, useValue: options.dataSource },
        DatabaseLifecycle,
        DatabaseHealth,
      ],
      exports: [DataSource, DatabaseHealth],
    };
  }
}
