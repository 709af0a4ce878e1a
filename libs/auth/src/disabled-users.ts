import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';

/** Where a service reads the ids of the users that are disabled right now (its own table). */
export abstract class DisabledUserSource {
  abstract disabledUserIds(): Promise<readonly string[]>;
}

/** How often each replica reads its source again; a disable reaches every replica within this. */
export const DISABLED_USERS_POLL_INTERVAL_MS = 5_000;
export const DISABLED_USERS_OPTIONS = Symbol('DISABLED_USERS_OPTIONS');
export interface DisabledUsersOptions {
  pollIntervalMs?: number;
}

/**
 * The disabled users, in memory, so that the guard refuses their access tokens (still valid by
 * signature until they expire) with a Set lookup and no database read per request. Loaded at
 * start-up and read again every few seconds: replicas share no memory, and a consumer group
 * member applies only some partitions' events, so every replica reads the whole table. The list
 * is small (disabled accounts), so it is replaced whole, which also picks up enables.
 */
@Injectable()
export class DisabledUsers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('DisabledUsers');
  private disabled: ReadonlySet<string> = new Set();
  private timer?: NodeJS.Timeout;
  private reads: Promise<void> = Promise.resolve();
  private reading = false;
  private readonly pollIntervalMs: number;

  constructor(
    private readonly source: DisabledUserSource,
    @Optional() @Inject(DISABLED_USERS_OPTIONS) options?: DisabledUsersOptions,
  ) {
    this.pollIntervalMs = options?.pollIntervalMs ?? DISABLED_USERS_POLL_INTERVAL_MS;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      // A slow database must not pile reads up: a poll finding one running skips its turn.
      if (!this.reading) void this.refresh();
    }, this.pollIntervalMs);
    this.timer.unref();
  }

  /**
   * Stops polling before any shutdown hook closes the database (onModuleDestroy runs before all
   * of them), and lets a read in flight finish, so none fails on a closed pool.
   */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.reads;
  }

  isDisabled(userId: string): boolean {
    return this.disabled.has(userId);
  }

  /**
   * Reads the source again and resolves once a read that began after this call has finished, so
   * a change committed before the call is in the list. A failed read keeps the list it had: a
   * database restart must neither let disabled users back in nor lock everybody out.
   */
  refresh(): Promise<void> {
    this.reads = this.reads.then(() => this.load());
    return this.reads;
  }

  private async load(): Promise<void> {
    this.reading = true;
    try {
      this.disabled = new Set(await this.source.disabledUserIds());
    } catch (error) {
      this.log.warn(
        `reading the disabled users failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      this.reading = false;
    }
  }
}
