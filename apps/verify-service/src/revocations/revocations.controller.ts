import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { Contract, ZodValidationPipe } from '@app/platform';
import { z } from 'zod';
import { revocationDeltaSchema, type RevocationDelta } from './revocation-delta';
import { RevocationList } from './revocation-list';

const revocationsQuery = z.strictObject({
  since: z
    .string()
    .regex(/^\d{1,15}$/, 'a version number this endpoint returned, or 0')
    .transform(Number)
    .default(0),
});

/** Offline scanners keep a copy of the list and fetch only the changes since their version. */
@ApiTags('revocations')
@ApiBearerAuth()
@Controller('v1/revocations')
export class RevocationsController {
  constructor(private readonly revocations: RevocationList) {}

  @Contract({
    summary: 'Fetch the revocations since a version, for offline scanners',
    description:
      'Without `since` (or with 0) the whole list. A scanner keeps the answer, stores `version`, and next time asks for the changes since it; it may drop entries whose `validUntil` is before `removedBefore`.',
    query: revocationsQuery,
    responses: { 200: revocationDeltaSchema },
  })
  @Get()
  @Roles('officer', 'official', 'admin')
  list(
    @Query(new ZodValidationPipe(revocationsQuery)) query: z.infer<typeof revocationsQuery>,
  ): Promise<RevocationDelta> {
    return this.revocations.changesSince(query.since);
  }
}
