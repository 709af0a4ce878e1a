import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { isCrossProvince, localDate } from '@app/domain';
import { AppError, Clock } from '@app/platform';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { isConstraintViolation, PgErrorCode } from '../database/pg-error';
import { enterpriseNotActive } from '../enterprises/enterprise-errors';
import {
  EnterprisesRepository,
  type EnterpriseStatus,
} from '../enterprises/enterprises.repository';
import { plateHeldByOther } from '../vehicles/plate-errors';
import type { PassApplication } from './pass-application.schema';
import { PassIssueBatcher } from './pass-issue-batcher';
import { passNumbersExhausted } from './pass-issuer';
import type { PassRecord } from './pass.record';
import { PassesRepository, type NewPass } from './passes.repository';
import { validityProblem } from './validity-window';

export interface IssuePassResult {
  pass: PassRecord;
  /** False when an Idempotency-Key replay returned the pass made by an earlier request. */
  created: boolean;
}

/** An application that renews an earlier pass of the same enterprise (see RenewPassUseCase). */
export interface Renewal {
  from: string;
  /** Why the earlier pass cannot be renewed: refused like a rule, after the key's replay. */
  refusal?: AppError;
}

/**
 * POST /v1/passes: applies the rules, then either issues at once (serial, token, row and
 * pass.issued in one transaction, batched with other issues of the county) or leaves the pass
 * for review. Only an active enterprise gets passes at once; one pending review has all its
 * applications wait for an official, and a rejected or suspended one is refused (403). The
 * status is never taken from a cache: the batch and the review insert read it under FOR SHARE.
 */
@Injectable()
export class IssuePassUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passes: PassesRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly batcher: PassIssueBatcher,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
    private readonly clock: Clock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    application: PassApplication,
    idempotencyKey: string | undefined,
    renewal?: Renewal,
  ): Promise<IssuePassResult> {
    const enterpriseId = user.enterpriseId;
    if (!enterpriseId)
      throw new AppError(403, 'FORBIDDEN', 'Only an enterprise applies for passes.');
    const requestHash = idempotencyKey ? hashApplication(application, renewal?.from) : null;
    const refusal = renewal?.refusal ?? this.ruleRefusal(application);
    if (refusal) {
      // A retry tomorrow of today's accepted request must still get its pass, so the key is
      // looked up before the rules refuse. A retry that passes the rules needs no lookup here:
      // its insert collides with the key and the conflict answers with the earlier pass.
      return this.replayOr(refusal, enterpriseId, idempotencyKey, requestHash);
    }
    const enterprise = await this.enterprises.findById(this.dataSource.manager, enterpriseId);
    if (!enterprise)
      throw new AppError(403, 'FORBIDDEN', 'The enterprise of this account no longer exists.');

    const crossProvince = isCrossProvince(
      application.originDivision,
      application.destinationDivision,
    );
    const pass: NewPass = {
      id: randomUUID(),
      enterpriseId,
      issuingDivision: enterprise.divisionCode,
      plate: application.plate,
      trailerPlate: application.trailerPlate ?? null,
      driverName: application.driverName,
      driverPhone: application.driverPhone,
      cargoCategory: application.cargoCategory,
      cargoDescription: application.cargoDescription ?? null,
      tonnageKg: application.tonnage,
      originDivision: application.originDivision,
      destinationDivision: application.destinationDivision,
      crossProvince,
      validFrom: application.validFrom,
      validUntil: application.validUntil,
      idempotencyKey: idempotencyKey ?? null,
      requestHash,
      renewedFrom: renewal?.from ?? null,
    };
    /**
     * The application collided or was refused. A concurrent or earlier request with the same
     * Idempotency-Key may have made the pass (its row can even surface as an overlap with
     * itself), so the key decides before the refusal does.
     */
    const refuse = (refusal: AppError) =>
      this.replayOr(refusal, enterpriseId, idempotencyKey, requestHash);
    const autoIssue =
      !crossProvince && pass.tonnageKg <= this.config.passRules.autoApproveMaxTonnageKg;

    if (autoIssue) {
      const outcome = await this.batcher.issue({ pass, enterprise });
      if (outcome.kind === 'issued') return { pass: outcome.pass, created: true };
      if (outcome.kind === 'exhausted') throw passNumbersExhausted(enterprise.divisionCode);
      if (outcome.kind === 'held') return refuse(plateHeldByOther());
      if (outcome.kind === 'skipped') return refuse(overlaps());
      // Not active: an enterprise pending review has every application wait for an official.
      if (outcome.status !== 'pending_review') return refuse(enterpriseNotActive(outcome.status));
    }
    try {
      const pending = await this.insertPending(pass);
      if (!pending) return refuse(plateHeldByOther());
      return { pass: pending, created: true };
    } catch (error) {
      if (error instanceof InactiveEnterprise) return refuse(enterpriseNotActive(error.status));
      if (isConflict(error)) return refuse(overlaps());
      throw error;
    }
  }

  /**
   * For review, from an enterprise pending review or active. Its status is held FOR SHARE until
   * the row is in, so a suspension (which refuses the pending applications) either sees the new
   * row or has committed before, and is then seen here.
   */
  private insertPending(pass: NewPass): Promise<PassRecord | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const statuses = await this.enterprises.lockStatuses(manager, [pass.enterpriseId]);
      const status = statuses.get(pass.enterpriseId);
      if (status !== 'active' && status !== 'pending_review') throw new InactiveEnterprise(status);
      return this.passes.insertPending(manager, pass);
    });
  }

  /** The pass an earlier request with this Idempotency-Key made, else the refusal. */
  private async replayOr(
    refusal: AppError,
    enterpriseId: string,
    idempotencyKey: string | undefined,
    requestHash: string | null,
  ): Promise<IssuePassResult> {
    if (idempotencyKey) {
      const earlier = await this.passes.findByIdempotencyKey(
        this.dataSource.manager,
        enterpriseId,
        idempotencyKey,
      );
      if (earlier) return replay(earlier, requestHash);
    }
    throw refusal;
  }

  private ruleRefusal(application: PassApplication): AppError | undefined {
    const { maxTonnageKg } = this.config.passRules;
    if (application.tonnage > maxTonnageKg) {
      return AppError.badRequest(
        'TONNAGE_INVALID',
        `tonnage: at most ${maxTonnageKg / 1000} tons per pass.`,
      ).withParams({ maxTons: maxTonnageKg / 1000 });
    }
    const now = this.clock.now();
    const rules = this.config.passRules;
    const problem = validityProblem(application.validFrom, application.validUntil, now, rules);
    if (!problem) return undefined;
    return AppError.badRequest('VALIDITY_INVALID', problem).withParams({
      today: localDate(now, rules.timeZone),
      timeZone: rules.timeZone,
      aheadDays: rules.maxStartAheadDays,
      maxDays: rules.maxValidityDays,
    });
  }
}

/** Raised inside the review insert's transaction, answered outside it. */
class InactiveEnterprise extends Error {
  constructor(readonly status: EnterpriseStatus | undefined) {
    super(`enterprise is ${status ?? 'missing'}`);
  }
}

const overlaps = () =>
  AppError.conflict(
    'PASS_OVERLAPS',
    'This plate already has a pass under review or issued for an overlapping period.',
  );

function isConflict(error: unknown): boolean {
  return (
    isConstraintViolation(error, PgErrorCode.UNIQUE_VIOLATION, 'passes_idempotency_key') ||
    isConstraintViolation(error, PgErrorCode.EXCLUSION_VIOLATION, 'passes_no_overlap')
  );
}

function replay(earlier: PassRecord, requestHash: string | null): IssuePassResult {
  if (earlier.requestHash !== requestHash) {
    throw AppError.unprocessable(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used for a different application; use a new key.',
    );
  }
  return { pass: earlier, created: false };
}

/**
 * Over the normalised application, so "豫b 12345" and "豫B12345" count as the same request; a
 * renewal also over the pass it renews, so one key cannot stand for an application and a renewal.
 */
export function hashApplication(application: PassApplication, renewedFrom?: string): string {
  const canonical = JSON.stringify([
    application.plate,
    application.driverName,
    application.driverPhone,
    application.cargoCategory,
    application.cargoDescription ?? null,
    application.tonnage,
    application.originDivision,
    application.destinationDivision,
    application.validFrom.toISOString(),
    application.validUntil.toISOString(),
    // Only when given, so the requests made before trailer plates existed keep their hashes.
    ...(application.trailerPlate === undefined ? [] : [application.trailerPlate]),
    ...(renewedFrom === undefined ? [] : [{ renewedFrom }]),
  ]);
  return createHash('sha256').update(canonical).digest('base64url');
}
