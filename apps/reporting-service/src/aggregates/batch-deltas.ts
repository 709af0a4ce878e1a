import type { AnyEvent, CheckpointScannedV1, PassIssuedV1, PassRevokedV1 } from '@app/contracts';
import { isCrossProvince } from '@app/domain';
import type { LocalTimeBuckets } from './local-time';

/** What one batch adds to one pass_daily row. */
export interface PassDailyDelta {
  day: string;
  cargo: string;
  origin: string;
  destination: string;
  enterprise: string;
  /** The issuing county (the pass number's first six digits): an official's scope matches it. */
  issuing: string;
  passesIssued: number;
  passesRevoked: number;
  crossProvince: number;
  tonnageDeclaredKg: bigint;
}

/** What one batch adds to one checkpoint_hourly row. */
export interface CheckpointHourlyDelta {
  day: string;
  hour: number;
  checkpoint: string;
  checkpointDivision: string;
  cargo: string;
  origin: string;
  destination: string;
  enterprise: string;
  /** '' for accepted scans, the rejection reason otherwise. */
  reason: string;
  scans: number;
  tonnageThroughKg: bigint;
  cloneFlags: number;
}

export interface BatchDeltas {
  passDaily: PassDailyDelta[];
  checkpointHourly: CheckpointHourlyDelta[];
  /** Credit code → the newest name seen in this batch. */
  enterpriseNames: Map<string, string>;
}

/** A rejected scan whose event names no reason still has to be counted as rejected. */
export const UNSPECIFIED_REASON = 'UNSPECIFIED';

/**
 * Folds a batch into one delta per aggregate row, in memory, so the database sees one multi-row
 * upsert per table instead of one statement per event. Rows come out sorted by key so that
 * concurrent writers lock them in the same order.
 */
export function batchDeltas(events: readonly AnyEvent[], buckets: LocalTimeBuckets): BatchDeltas {
  const passDaily = new Map<string, PassDailyDelta>();
  const checkpointHourly = new Map<string, CheckpointHourlyDelta>();
  const enterpriseNames = new Map<string, string>();
  for (const event of events) {
    switch (event.type) {
      case 'pass.issued':
        addIssued(passDaily, event, buckets);
        enterpriseNames.set(event.data.enterpriseCreditCode, event.data.enterpriseName);
        break;
      case 'pass.revoked':
        addRevoked(passDaily, event, buckets);
        break;
      case 'checkpoint.scanned':
        addScan(checkpointHourly, event, buckets);
        break;
      // Not counted: keys, refused applications (never issued, so never a pass to count), and
      // account changes (their own topic, kept for the access guard).
      case 'signing-key.activated':
      case 'pass.rejected':
      case 'user.access-changed':
        break;
    }
  }
  return {
    passDaily: sortedValues(passDaily),
    checkpointHourly: sortedValues(checkpointHourly),
    enterpriseNames,
  };
}

function passRow(
  rows: Map<string, PassDailyDelta>,
  event: PassIssuedV1 | PassRevokedV1,
  buckets: LocalTimeBuckets,
): PassDailyDelta {
  const { day } = buckets.of(event.occurredAt);
  const d = event.data;
  const issuing = d.passNumber.slice(0, 6);
  const key = [
    day,
    d.cargoCategory,
    d.originDivision,
    d.destinationDivision,
    d.enterpriseCreditCode,
    issuing,
  ].join('|');
  let row = rows.get(key);
  if (!row) {
    row = {
      day,
      cargo: d.cargoCategory,
      origin: d.originDivision,
      destination: d.destinationDivision,
      enterprise: d.enterpriseCreditCode,
      issuing,
      passesIssued: 0,
      passesRevoked: 0,
      crossProvince: 0,
      tonnageDeclaredKg: 0n,
    };
    rows.set(key, row);
  }
  return row;
}

function addIssued(
  rows: Map<string, PassDailyDelta>,
  event: PassIssuedV1,
  buckets: LocalTimeBuckets,
): void {
  const row = passRow(rows, event, buckets);
  row.passesIssued += 1;
  row.tonnageDeclaredKg += BigInt(event.data.tonnageKg);
  if (isCrossProvince(event.data.originDivision, event.data.destinationDivision))
    row.crossProvince += 1;
}

/** Counted on the day of the revocation; the day the pass was issued keeps its numbers. */
function addRevoked(
  rows: Map<string, PassDailyDelta>,
  event: PassRevokedV1,
  buckets: LocalTimeBuckets,
): void {
  passRow(rows, event, buckets).passesRevoked += 1;
}

function addScan(
  rows: Map<string, CheckpointHourlyDelta>,
  event: CheckpointScannedV1,
  buckets: LocalTimeBuckets,
): void {
  const { day, hour } = buckets.of(event.occurredAt);
  const d = event.data;
  const accepted = d.verdict === 'accepted';
  const reason = accepted ? '' : (d.reason ?? UNSPECIFIED_REASON);
  const dims = {
    day,
    hour,
    checkpoint: d.checkpointCode,
    checkpointDivision: d.checkpointDivision,
    cargo: d.cargoCategory ?? '',
    origin: d.originDivision ?? '',
    destination: d.destinationDivision ?? '',
    enterprise: d.enterpriseCreditCode ?? '',
    reason,
  };
  const key = Object.values(dims).join('|');
  let row = rows.get(key);
  if (!row) {
    row = { ...dims, scans: 0, tonnageThroughKg: 0n, cloneFlags: 0 };
    rows.set(key, row);
  }
  row.scans += 1;
  if (d.cloneSuspected) row.cloneFlags += 1;
  if (accepted && d.direction === 'entry') row.tonnageThroughKg += BigInt(d.tonnageKg ?? 0);
}

function sortedValues<T>(rows: Map<string, T>): T[] {
  return [...rows.keys()].sort().map((key) => rows.get(key) as T);
}
