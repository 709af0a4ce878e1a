import { Injectable } from '@nestjs/common';
import { settleInHalves } from '@app/database';
import { DataSource, type EntityManager } from 'typeorm';
import { pgErrorOf } from '../database/pg-error';
import {
  EnterprisesRepository,
  type EnterpriseRecord,
  type EnterpriseStatus,
} from '../enterprises/enterprises.repository';
import { PlateClaims } from '../vehicles/plate-claims';
import { PassIssuer } from './pass-issuer';
import type { PassRecord } from './pass.record';
import { PassesRepository, type NewPass } from './passes.repository';

/** An application ready to be issued at once, with the enterprise whose county numbers it. */
export interface IssueRequest {
  pass: NewPass;
  enterprise: EnterpriseRecord;
}

/**
 * `skipped`: it would overlap a live pass or reuse an idempotency key; the caller finds out which.
 * `exhausted`: its county has used all its pass numbers.
 * `held`: another enterprise holds its plate.
 * `not-active`: its enterprise is not active (any more): pending review, rejected or suspended.
 */
export type IssueOutcome =
  | { kind: 'issued'; pass: PassRecord }
  | { kind: 'skipped' }
  | { kind: 'exhausted' }
  | { kind: 'held' }
  | { kind: 'not-active'; status: EnterpriseStatus | undefined };

interface Pending extends IssueRequest {
  resolve: (outcome: IssueOutcome) => void;
  reject: (error: unknown) => void;
}

/** Enough to amortise a commit well, small enough to keep one transaction short. */
const MAX_BATCH = 200;
/** Two batches inserting overlapping plates in opposite orders can deadlock; the loser retries. */
const DEADLOCK_RETRIES = 3;

/**
 * Issues passes in batched transactions. Every issue must lock its county's serial counter
 * until it commits, so one transaction per pass would issue one pass per county per commit.
 * Here, the requests that arrive while a transaction commits wait and go together in the next
 * one, whatever their counties: one serial update, one multi-row insert, one outbox write and
 * one commit for the lot. Each request still gets its own outcome, and its own failure: a batch
 * the database refuses is issued again in halves until the member at fault stands alone.
 */
@Injectable()
export class PassIssueBatcher {
  private queue: Pending[] = [];
  private draining = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly passes: PassesRepository,
    private readonly issuer: PassIssuer,
    private readonly plates: PlateClaims,
    private readonly enterprises: EnterprisesRepository,
  ) {}

  issue(request: IssueRequest): Promise<IssueOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...request, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  /** One drain loop at a time: a batch is what queued up while the previous one committed. */
  private async drain(): Promise<void> {
    this.draining = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      // A batch is many callers' applications: one the database refuses must fail alone.
      const settled = await settleInHalves(batch, (group) => this.issueBatch(group));
      settled.forEach((result, i) =>
        result.ok ? batch[i].resolve(result.value) : batch[i].reject(result.error),
      );
    }
    this.draining = false;
  }

  private async issueBatch(batch: readonly IssueRequest[]): Promise<IssueOutcome[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((manager) =>
          this.issueInTransaction(manager, batch),
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
    batch: readonly IssueRequest[],
  ): Promise<IssueOutcome[]> {
    const outcomes = new Map<string, IssueOutcome>();
    // The enterprises first, in one statement for the batch: their rows are held FOR SHARE
    // until the commit, so a suspension committed before this point is seen here, and one that
    // starts later waits for this batch (and then revokes what it issued). Only the members of
    // an enterprise that is no longer active fail.
    const statuses = await this.enterprises.lockStatuses(
      manager,
      batch.map((r) => r.enterprise.id),
    );
    for (const { pass, enterprise } of batch) {
      const status = statuses.get(enterprise.id);
      if (status !== 'active') outcomes.set(pass.id, { kind: 'not-active', status });
    }
    const active = batch.filter((r) => !outcomes.has(r.pass.id));
    // The plate rule next, for the whole batch at once: a new plate is registered to its first
    // applicant, and an application for a plate another enterprise holds is refused alone.
    const holders = await this.plates.claim(
      manager,
      active.map((r) => r.pass),
    );
    for (const { pass } of active)
      if (holders.get(pass.plate) !== pass.enterpriseId) outcomes.set(pass.id, { kind: 'held' });
    let candidates = batch.filter((r) => !outcomes.has(r.pass.id));
    while (candidates.length > 0) {
      await manager.query('SAVEPOINT issue_attempt');
      const numbers = await this.issuer.allocate(
        manager,
        candidates.map((r) => r.enterprise.divisionCode),
      );
      const numbered: { request: IssueRequest; passNumber: string }[] = [];
      candidates.forEach((request, i) => {
        const passNumber = numbers[i];
        if (passNumber) numbered.push({ request, passNumber });
        else outcomes.set(request.pass.id, { kind: 'exhausted' });
      });
      const rows = numbered.map(({ request, passNumber }) => ({
        ...request.pass,
        ...this.issuer.token(request.pass, request.enterprise, passNumber),
      }));
      const issued = new Map((await this.passes.insertIssued(manager, rows)).map((p) => [p.id, p]));
      if (issued.size === numbered.length) {
        await this.issuer.announce(
          manager,
          numbered.map(({ request }) => ({
            pass: issuedPass(issued, request.pass.id),
            enterprise: request.enterprise,
          })),
        );
        for (const [id, pass] of issued) outcomes.set(id, { kind: 'issued', pass });
        break;
      }
      await manager.query('ROLLBACK TO SAVEPOINT issue_attempt');
      candidates = numbered.map(({ request }) => request).filter((r) => issued.has(r.pass.id));
    }
    return batch.map((r) => outcomes.get(r.pass.id) ?? { kind: 'skipped' });
  }
}

function issuedPass(issued: Map<string, PassRecord>, id: string): PassRecord {
  const pass = issued.get(id);
  if (!pass) throw new Error(`pass ${id} was inserted but not issued`);
  return pass;
}
