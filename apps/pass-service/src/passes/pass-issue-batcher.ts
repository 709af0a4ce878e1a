import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { pgErrorOf } from '../database/pg-error';
import type { EnterpriseRecord } from '../enterprises/enterprises.repository';
import { PassIssuer } from './pass-issuer';
import type { PassRecord } from './pass.record';
import { PassesRepository, type NewPass } from './passes.repository';

/** An application ready to be issued at once, with the enterprise whose county numbers it. */
export interface IssueRequest {
  pass: NewPass;
  enterprise: EnterpriseRecord;
}

/** `skipped`: it would overlap a live pass or reuse an idempotency key; the caller finds out which. */
export type IssueOutcome = { kind: 'issued'; pass: PassRecord } | { kind: 'skipped' };

interface Pending extends IssueRequest {
  resolve: (outcome: IssueOutcome) => void;
  reject: (error: unknown) => void;
}

/** Enough to amortise a commit well, small enough to keep one transaction short. */
const MAX_BATCH = 200;
/** Two batches inserting overlapping plates in opposite orders can deadlock; the loser retries. */
const DEADLOCK_RETRIES = 3;

/**
 * Issues passes county by county in batched transactions. A county's serial counter is one
 * row that every issue in that county must lock until it commits, so one transaction per pass
 * caps a county at one commit at a time. Here, requests that arrive while a county's
 * transaction commits wait and go together in the next one: one serial update, one multi-row
 * insert, one outbox write and one commit for the lot. Each request still gets its own outcome.
 */
@Injectable()
export class PassIssueBatcher {
  private readonly queues = new Map<string, Pending[]>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly passes: PassesRepository,
    private readonly issuer: PassIssuer,
  ) {}

  issue(request: IssueRequest): Promise<IssueOutcome> {
    return new Promise((resolve, reject) => {
      const county = request.enterprise.divisionCode;
      const queue = this.queues.get(county);
      const pending = { ...request, resolve, reject };
      if (queue) {
        queue.push(pending);
        return;
      }
      this.queues.set(county, [pending]);
      void this.drain(county);
    });
  }

  /** One drain loop per county at a time; the queue's presence in the map marks it running. */
  private async drain(county: string): Promise<void> {
    for (;;) {
      const queue = this.queues.get(county) ?? [];
      if (queue.length === 0) {
        this.queues.delete(county);
        return;
      }
      const batch = queue.splice(0, MAX_BATCH);
      try {
        const outcomes = await this.issueBatch(county, batch);
        batch.forEach((pending, i) => pending.resolve(outcomes[i]));
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
  }

  private async issueBatch(
    county: string,
    batch: readonly IssueRequest[],
  ): Promise<IssueOutcome[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((manager) =>
          this.issueInTransaction(manager, county, batch),
        );
      } catch (error) {
        if (pgErrorOf(error)?.code !== '40P01' || attempt >= DEADLOCK_RETRIES) throw error;
      }
    }
  }

  /**
   * Numbers, signs and inserts the batch as issued rows in one statement, so each row is written
   * once. A row that would overlap a live pass or reuse an idempotency key is skipped by the
   * insert; its number must then not be used, so the attempt is undone to the savepoint and the
   * rows that went in are numbered again without it. Collisions are rare, so nearly every batch
   * takes one attempt.
   */
  private async issueInTransaction(
    manager: EntityManager,
    county: string,
    batch: readonly IssueRequest[],
  ): Promise<IssueOutcome[]> {
    let candidates = batch;
    while (candidates.length > 0) {
      await manager.query('SAVEPOINT issue_attempt');
      const numbers = await this.issuer.allocate(manager, county, candidates.length);
      const rows = candidates.map((r, i) => ({
        ...r.pass,
        ...this.issuer.token(r.pass, r.enterprise, numbers[i]),
      }));
      const issued = new Map((await this.passes.insertIssued(manager, rows)).map((p) => [p.id, p]));
      if (issued.size === candidates.length) {
        await this.issuer.announce(
          manager,
          candidates.map((r) => ({
            pass: issuedPass(issued, r.pass.id),
            enterprise: r.enterprise,
          })),
        );
        return batch.map((r) => {
          const pass = issued.get(r.pass.id);
          return pass ? { kind: 'issued', pass } : { kind: 'skipped' };
        });
      }
      await manager.query('ROLLBACK TO SAVEPOINT issue_attempt');
      candidates = candidates.filter((r) => issued.has(r.pass.id));
    }
    return batch.map(() => ({ kind: 'skipped' }));
  }
}

function issuedPass(issued: Map<string, PassRecord>, id: string): PassRecord {
  const pass = issued.get(id);
  if (!pass) throw new Error(`pass ${id} was inserted but not issued`);
  return pass;
}
