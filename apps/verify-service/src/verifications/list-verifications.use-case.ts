import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { scopePrefix } from '@app/domain';
import { AppError } from '@app/platform';
import { toScanView, type ScanPage } from './scan.view';
import { ScansRepository } from './scans.repository';
import { encodeCursor, type ListVerificationsQuery } from './verification.dto';

/**
 * Officers see their own checkpoint's scans, officials those of the checkpoints in their
 * jurisdiction, the admin (and officials without a scope) all of them.
 */
@Injectable()
export class ListVerificationsUseCase {
  constructor(private readonly scans: ScansRepository) {}

  async execute(query: ListVerificationsQuery, user: AuthenticatedUser): Promise<ScanPage> {
    let checkpointCode = query.checkpointCode;
    if (user.role === 'officer') {
      if (!user.checkpointCode || (checkpointCode && checkpointCode !== user.checkpointCode)) {
        throw new AppError(
          403,
          'CHECKPOINT_FORBIDDEN',
          "You can list only your own checkpoint's scans.",
        );
      }
      checkpointCode = user.checkpointCode;
    }
    const checkpointDivisionPrefix =
      user.role === 'official' && user.divisionScope ? scopePrefix(user.divisionScope) : undefined;
    const scans = await this.scans.find({
      ...query,
      checkpointCode,
      checkpointDivisionPrefix,
      limit: query.limit + 1,
    });
    const page = scans.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toScanView),
      nextCursor:
        scans.length > query.limit && last
          ? encodeCursor({ checkedAt: last.checkedAt, id: last.id })
          : null,
    };
  }
}
