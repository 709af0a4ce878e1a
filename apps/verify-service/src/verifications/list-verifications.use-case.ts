import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import type { ScanRejectionReason } from '@app/contracts';
import { formatKgAsTons, scopePrefix } from '@app/domain';
import { AppError } from '@app/platform';
import { ScansRepository, type ScanRow } from './scans.repository';
import { encodeCursor, type ListVerificationsQuery } from './verification.dto';

export interface ScanView {
  scanId: string;
  checkpointCode: string;
  officer: { userId: string; username: string };
  direction: 'entry' | 'exit';
  verdict: 'accepted' | 'rejected';
  reason: ScanRejectionReason | null;
  passId: string | null;
  passNumber: string | null;
  plate: string | null;
  observedPlate: string | null;
  tonnage: string | null;
  cloneSuspected: boolean;
  clockLeewaySeconds: number;
  checkedAt: string;
}

export interface ScanPage {
  items: ScanView[];
  nextCursor: string | null;
}

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
    const rows = await this.scans.find({
      ...query,
      checkpointCode,
      checkpointDivisionPrefix,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toScanView),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ checkedAt: last.checked_at, id: last.id })
          : null,
    };
  }
}

function toScanView(row: ScanRow): ScanView {
  return {
    scanId: row.id,
    checkpointCode: row.checkpoint_code,
    officer: { userId: row.officer_user_id, username: row.officer_username },
    direction: row.direction,
    verdict: row.verdict,
    reason: row.reason,
    passId: row.pass_id,
    passNumber: row.pass_number,
    plate: row.plate,
    observedPlate: row.observed_plate,
    tonnage: row.tonnage_kg === null ? null : formatKgAsTons(row.tonnage_kg),
    cloneSuspected: row.clone_suspected,
    clockLeewaySeconds: row.leeway_seconds,
    checkedAt: row.checked_at.toISOString(),
  };
}
