import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';

const CALLBACKS = 'verifyAfterCommit';

/**
 * Runs in-memory updates only once the transaction that stored them has committed: the hot path
 * must never act on a revocation or key that could still roll back.
 */
@Injectable()
export class AfterCommit implements EntitySubscriberInterface, OnApplicationBootstrap {
  constructor(private readonly dataSource: DataSource) {}

  // The DataSource builds its subscriber list when it initializes, which happens during module init.
  onApplicationBootstrap(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  run(manager: EntityManager, callback: () => void): void {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      callback();
      return;
    }
    const data = runner.data as Record<string, unknown>;
    const list = (data[CALLBACKS] as (() => void)[] | undefined) ?? [];
    list.push(callback);
    data[CALLBACKS] = list;
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    for (const callback of this.take(event.queryRunner.data)) callback();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.take(event.queryRunner.data);
  }

  private take(raw: unknown): (() => void)[] {
    const data = raw as Record<string, unknown>;
    const list = (data[CALLBACKS] as (() => void)[] | undefined) ?? [];
    data[CALLBACKS] = undefined;
    return list;
  }
}
