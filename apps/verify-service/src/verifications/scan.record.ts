import { SCAN_REJECTION_REASONS } from '@app/contracts';
import {
  bool,
  instant,
  integer,
  nullableInteger,
  nullableNumber,
  nullableOneOf,
  nullableText,
  oneOf,
  text,
  type Row,
} from '@app/database';
import type { Sighting } from './clone-rule';
import type { ScanRecord } from './scan';

/** A scan as read back: what lists show (the device's time and request hash stay in the table). */
export type StoredScan = Omit<ScanRecord, 'deviceScannedAt' | 'requestHash'>;

/** A scan read back to answer a resend: with what identifies the request that recorded it. */
export type RecordedScan = StoredScan & Pick<ScanRecord, 'requestHash'>;

export const SCAN_COLUMNS = `id, checkpoint_code, officer_user_id, officer_username, direction, verdict,
  reason, pass_id, pass_number, plate, observed_plate, tonnage_kg, clone_suspected,
  leeway_seconds, checked_at`;

const DIRECTIONS = ['entry', 'exit'] as const;
const VERDICTS = ['accepted', 'rejected'] as const;

/** Reads a row of SCAN_COLUMNS; tonnage_kg (bigint) arrives as text. */
export function scanFromRow(row: Row): StoredScan {
  return {
    id: text(row, 'id'),
    checkpointCode: text(row, 'checkpoint_code'),
    officerUserId: text(row, 'officer_user_id'),
    officerUsername: text(row, 'officer_username'),
    direction: oneOf(row, 'direction', DIRECTIONS),
    verdict: oneOf(row, 'verdict', VERDICTS),
    reason: nullableOneOf(row, 'reason', SCAN_REJECTION_REASONS),
    passId: nullableText(row, 'pass_id'),
    passNumber: nullableText(row, 'pass_number'),
    plate: nullableText(row, 'plate'),
    observedPlate: nullableText(row, 'observed_plate'),
    tonnageKg: nullableInteger(row, 'tonnage_kg'),
    cloneSuspected: bool(row, 'clone_suspected'),
    leewaySeconds: integer(row, 'leeway_seconds'),
    checkedAt: instant(row, 'checked_at'),
  };
}

/** Reads a row of SCAN_COLUMNS and request_hash. */
export function recordedScanFromRow(row: Row): RecordedScan {
  return { ...scanFromRow(row), requestHash: nullableText(row, 'request_hash') };
}

/** An accepted scan the clone detector remembers: the pass and where and when it was seen. */
export interface SeenPass {
  passNumber: string;
  sighting: Sighting;
}

/**
 * Reads a row of id, pass_number, checkpoint_code, direction, checked_at and the checkpoint's
 * latitude and longitude; null for a scan without a pass number, which no later scan can match.
 */
export function sightingFromRow(row: Row): SeenPass | null {
  const passNumber = nullableText(row, 'pass_number');
  if (passNumber === null) return null;
  const latitude = nullableNumber(row, 'latitude');
  const longitude = nullableNumber(row, 'longitude');
  return {
    passNumber,
    sighting: {
      scanId: text(row, 'id'),
      checkpointCode: text(row, 'checkpoint_code'),
      direction: oneOf(row, 'direction', DIRECTIONS),
      at: instant(row, 'checked_at').getTime(),
      location: latitude === null || longitude === null ? null : { latitude, longitude },
    },
  };
}
