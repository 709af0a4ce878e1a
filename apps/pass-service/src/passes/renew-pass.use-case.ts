import { Injectable } from '@nestjs/common';
import { actorOf, AuditTrail } from '@app/audit';
import type { AuthenticatedUser } from '@app/auth';
import { formatKgAsTons } from '@app/domain';
import { AppError, ZodValidationPipe } from '@app/platform';
import { DataSource } from 'typeorm';
import { IssuePassUseCase, type IssuePassResult } from './issue-pass.use-case';
import { passApplicationBody, type RenewalWindow } from './pass-application.schema';
import { passNotFound, stateConflict } from './pass-not-found';
import type { PassRecord, PassStatus } from './pass.record';
import { PassesRepository } from './passes.repository';

/**
 * Only an issued pass is renewed, whether still valid or expired. A rejected application was
 * refused on its merits, a revoked pass was taken back on purpose and a cancelled one withdrawn:
 * applying again for those is a fresh application, made knowingly, not one click.
 */
export const RENEWABLE_STATUSES: readonly PassStatus[] = ['issued'];

/** The application schema of POST /v1/passes, run again over the stored details. */
const applicationPipe = new ZodValidationPipe(passApplicationBody);

/**
 * POST /v1/passes/:id/renew: the enterprise applies again with the details of one of its passes
 * (plate, trailer, driver, cargo, tonnage, route) for a new window. It is a fresh application in
 * every respect (the same schema, rules, review, batching, plate register, overlap and
 * Idempotency-Key handling, all in IssuePassUseCase), linked to the earlier pass by
 * `renewed_from`.
 */
@Injectable()
export class RenewPassUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passes: PassesRepository,
    private readonly issuePass: IssuePassUseCase,
    private readonly audit: AuditTrail,
  ) {}

  async execute(
    user: AuthenticatedUser,
    id: string,
    window: RenewalWindow,
    idempotencyKey: string | undefined,
  ): Promise<IssuePassResult> {
    if (user.role !== 'enterprise' || !user.enterpriseId)
      throw new AppError(403, 'FORBIDDEN', 'Only an enterprise renews its passes.');
    const earlier = await this.passes.findVisible(this.dataSource.manager, id, user);
    if (!earlier) throw passNotFound();
    const refusal = RENEWABLE_STATUSES.includes(earlier.status)
      ? undefined
      : stateConflict('renewed', earlier.status);
    const application = applicationPipe.transform(applicationOf(earlier, window));
    const result = await this.issuePass.execute(user, application, idempotencyKey, {
      from: earlier.id,
      refusal,
    });
    if (result.created) await this.recordRenewal(user, earlier, result.pass);
    return result;
  }

  /**
   * After the new pass has committed, in a transaction of its own: the issue is batched with
   * other enterprises' applications, which this entry has no business holding up or failing.
   */
  private recordRenewal(user: AuthenticatedUser, earlier: PassRecord, renewal: PassRecord) {
    return this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        actor: actorOf(user),
        action: 'pass.renewed',
        target: { type: 'pass', id: renewal.id },
        divisionCode: renewal.issuingDivision,
        details: {
          renewedFrom: earlier.id,
          status: renewal.status,
          passNumber: renewal.passNumber,
          plate: renewal.plate,
        },
      }),
    );
  }
}

/** The body POST /v1/passes would have taken for the same application. */
function applicationOf(pass: PassRecord, window: RenewalWindow): Record<string, unknown> {
  return {
    plate: pass.plate,
    ...(pass.trailerPlate === null ? {} : { trailerPlate: pass.trailerPlate }),
    driverName: pass.driverName,
    driverPhone: pass.driverPhone,
    cargoCategory: pass.cargoCategory,
    ...(pass.cargoDescription === null ? {} : { cargoDescription: pass.cargoDescription }),
    tonnage: formatKgAsTons(pass.tonnageKg),
    originDivision: pass.originDivision,
    destinationDivision: pass.destinationDivision,
    validFrom: window.validFrom.toISOString(),
    validUntil: window.validUntil.toISOString(),
  };
}
