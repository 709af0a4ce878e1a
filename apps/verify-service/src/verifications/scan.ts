import type { CheckpointScannedV1, ScanRejectionReason } from '@app/contracts';

/** One scan as stored, accepted or rejected. */
export interface ScanRecord {
  id: string;
  checkpointCode: string;
  officerUserId: string;
  officerUsername: string;
  direction: 'entry' | 'exit';
  verdict: 'accepted' | 'rejected';
  reason: ScanRejectionReason | null;
  passId: string | null;
  passNumber: string | null;
  plate: string | null;
  observedPlate: string | null;
  tonnageKg: number | null;
  cloneSuspected: boolean;
  leewaySeconds: number;
  checkedAt: Date;
  deviceScannedAt: Date | null;
  /** For a client-chosen id: what identifies the request, so a resend is told from a reused id. */
  requestHash: string | null;
}

/** A scan and its event: stored together or not at all. */
export interface PendingScan {
  record: ScanRecord;
  event: CheckpointScannedV1;
}
