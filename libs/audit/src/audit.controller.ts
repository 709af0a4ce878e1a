import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { isDivisionScope, scopePrefix } from '@app/domain';
import { AppError, Contract, ZodValidationPipe } from '@app/platform';
import {
  auditPageSchema,
  AuditLogReader,
  type AuditView,
  type AuditVisibility,
} from './audit-log.reader';
import { auditQuery, type AuditQuery } from './audit-query';

/**
 * The service's own audit trail. The admin reads every entry; an official reads the entries of
 * their jurisdiction (an entry without a division is the admin's alone).
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly reader: AuditLogReader) {}

  @Contract({
    summary: "The service's audit trail: who decided what, when and why, newest first",
    description: 'The admin reads every entry; an official the entries of their jurisdiction.',
    query: auditQuery,
    responses: { 200: auditPageSchema },
    errors: { 400: ['RANGE_INVALID'], 403: ['SCOPE_UNKNOWN'] },
  })
  @Roles('admin', 'official')
  @Get()
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(auditQuery)) query: AuditQuery,
  ): Promise<{ items: AuditView[]; nextCursor: string | null }> {
    // One more than asked tells whether there is a next page without a count query.
    const rows = await this.reader.find(
      {
        action: query.action,
        targetType: query.targetType,
        targetId: query.targetId,
        actorId: query.actorId,
        from: query.from,
        to: query.to,
        beforeId: query.cursor,
        limit: query.limit + 1,
      },
      visibilityOf(user),
    );
    const items = rows.slice(0, query.limit);
    return {
      items,
      nextCursor: rows.length > query.limit ? items[items.length - 1].id : null,
    };
  }
}

export function visibilityOf(user: AuthenticatedUser): AuditVisibility {
  if (user.role === 'admin') return { all: true };
  if (user.role !== 'official')
    throw new AppError(
      403,
      'FORBIDDEN',
      `This action is not available to the role '${user.role}'.`,
    );
  if (user.divisionScope === null) return { all: false, prefix: null };
  // A scope this service does not know (a division since withdrawn) is refused, never widened.
  if (!isDivisionScope(user.divisionScope))
    throw new AppError(403, 'SCOPE_UNKNOWN', 'Your division scope is not a known division.');
  return { all: false, prefix: scopePrefix(user.divisionScope) };
}
