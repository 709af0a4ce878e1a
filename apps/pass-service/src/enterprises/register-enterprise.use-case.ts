import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@app/audit';
import { AppError } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { AttemptCounters, describeWait } from '../identity/attempt-counters';
import { rateLimitAddress } from '../identity/client-address';
import { PasswordHasher } from '../identity/password-hasher';
import { UsersRepository } from '../identity/users.repository';
import type { RegisterEnterpriseBody } from './enterprise.schemas';
import { z } from 'zod';
import { enterpriseViewSchema, toEnterpriseView } from './enterprise.view';
import { EnterprisesRepository } from './enterprises.repository';

export const registeredEnterpriseSchema = enterpriseViewSchema
  .extend({ username: z.string().describe('The enterprise account created with it.') })
  .meta({ id: 'RegisteredEnterprise' });

export type RegisteredEnterpriseView = z.infer<typeof registeredEnterpriseSchema>;

/**
 * The enterprise and its first user commit together: a taken username leaves no orphan
 * enterprise. It starts pending_review: it can sign in and apply, but every application waits
 * for an official until one approves the enterprise.
 */
@Injectable()
export class RegisterEnterpriseUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enterprises: EnterprisesRepository,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly counters: AttemptCounters,
    private readonly audit: AuditTrail,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {}

  async execute(
    body: RegisterEnterpriseBody,
    clientIp: string | undefined,
    requestId: string | null = null,
  ): Promise<RegisteredEnterpriseView> {
    await this.admit(clientIp);
    const passwordHash = await this.hasher.hash(body.password);
    const enterprise = await this.dataSource.transaction(async (manager) => {
      const created = await this.enterprises.insert(manager, {
        id: randomUUID(),
        creditCode: body.creditCode,
        name: body.name,
        divisionCode: body.divisionCode,
        contactName: body.contactName,
        contactPhone: body.contactPhone,
      });
      const userId = await this.users.insert(manager, {
        username: body.username,
        passwordHash,
        role: 'enterprise',
        enterpriseId: created.id,
        checkpointCode: null,
      });
      await this.audit.record(manager, {
        actor: { id: userId, name: body.username, role: 'enterprise', requestId },
        action: 'enterprise.registered',
        target: { type: 'enterprise', id: created.id },
        divisionCode: created.divisionCode,
        details: { creditCode: created.creditCode },
      });
      return created;
    });
    return { ...toEnterpriseView(enterprise, { fullPhone: true }), username: body.username };
  }

  /**
   * Counted before the password is hashed, whatever the outcome: a refused credit code or username
   * counts too, so registration is neither a cheap way to burn CPU nor to probe for taken names.
   */
  private async admit(clientIp: string | undefined): Promise<void> {
    const refusal = await this.counters.count([
      { key: `register-a:${rateLimitAddress(clientIp)}`, ...this.config.registration.perAddress },
    ]);
    if (refusal) {
      throw AppError.tooManyRequests(
        'REGISTRATION_RATE_LIMITED',
        `Too many registrations from your network; try again in ${describeWait(refusal.retryAfterSeconds)}.`,
        refusal.retryAfterSeconds,
      );
    }
  }
}
