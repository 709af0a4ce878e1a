import type { LoggerService } from '@nestjs/common';

/**
 * Work a service repeats on a timer: pruning, polling, reloading. One round at a time: a tick
 * that finds a round running skips its turn, so a slow database does not pile rounds up. A failed
 * round is logged as a warning and the next tick tries again.
 *
 * `stop()` clears the timer and waits for the round in flight. Call it from `onModuleDestroy`,
 * which Nest runs before any shutdown hook closes the database: no round then fails on a closed
 * pool, or logs after its service (or a test) has ended. A stopped task can be started again.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;

  /** `what` names the work in the warning a failed round logs: "<what> failed: <reason>". */
  constructor(
    private readonly what: string,
    private readonly work: () => Promise<unknown>,
    private readonly log: Pick<LoggerService, 'warn'>,
  ) {}

  /** Ticks every `intervalMs` until stopped. The timer does not keep the process alive. */
  start(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runNow(), intervalMs);
    this.timer.unref();
  }

  get started(): boolean {
    return this.timer !== undefined;
  }

  /** A round now, or the one already running. Resolves when it ends, and never rejects. */
  runNow(): Promise<void> {
    this.round ??= Promise.resolve()
      .then(this.work)
      .then(
        () => undefined,
        (error: unknown) => {
          this.log.warn(
            `${this.what} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        },
      )
      .finally(() => {
        this.round = undefined;
      });
    return this.round;
  }

  /** Stops ticking and waits for the round in flight. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.round;
  }
}
