import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type TransactionCommitEvent,
} from 'typeorm';

const APPLIED_FLAG = 'reportingAggregatesChanged';

/**
 * Tells live report feeds that aggregates changed. A batch only marks its transaction; the
 * signal goes out after that transaction commits, so a feed never reads totals that are not
 * there yet (nor totals that roll back).
 */
@Injectable()
export class AggregatesChanged implements EntitySubscriberInterface, OnApplicationBootstrap {
  private readonly subject = new Subject<void>();

  constructor(private readonly dataSource: DataSource) {}

  get changes(): Observable<void> {
    return this.subject.asObservable();
  }

  // The DataSource builds its subscriber list when it initializes, which happens during module init.
  onApplicationBootstrap(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  markChanged(manager: EntityManager): void {
    if (manager.queryRunner) manager.queryRunner.data[APPLIED_FLAG] = true;
    else this.subject.next();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as Record<string, unknown>;
    if (data[APPLIED_FLAG] !== true) return;
    data[APPLIED_FLAG] = false;
    this.subject.next();
  }
}
