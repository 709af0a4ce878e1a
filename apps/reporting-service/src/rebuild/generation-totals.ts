import type { EntityManager } from 'typeorm';
import { integerText, text, type Row } from '@app/database';

/** All-time totals of one generation: what a rebuild must reproduce. Values are decimal strings. */
export type GenerationTotals = Record<string, string>;

const PASS_TOTALS = [
  'passesIssued',
  'passesRevoked',
  'crossProvincePasses',
  'tonnageDeclaredKg',
] as const;

export async function generationTotals(
  manager: EntityManager,
  generation: number,
): Promise<GenerationTotals> {
  const [passes] = await manager.query<Row[]>(
    `SELECT coalesce(sum(passes_issued), 0)::text AS "passesIssued",
            coalesce(sum(passes_revoked), 0)::text AS "passesRevoked",
            coalesce(sum(cross_province), 0)::text AS "crossProvincePasses",
            coalesce(sum(tonnage_declared_kg), 0)::text AS "tonnageDeclaredKg"
     FROM pass_daily WHERE generation = $1`,
    [generation],
  );
  const scans = await manager.query<Row[]>(
    `SELECT reason, sum(scans)::text AS scans, sum(tonnage_through_kg)::text AS through,
            sum(clone_flags)::text AS clones
     FROM checkpoint_hourly WHERE generation = $1 GROUP BY reason ORDER BY reason`,
    [generation],
  );
  const totals: GenerationTotals = {};
  for (const column of PASS_TOTALS) totals[column] = integerText(passes, column);
  let through = 0n;
  let clones = 0n;
  for (const row of scans) {
    const reason = text(row, 'reason');
    totals[reason === '' ? 'scansAccepted' : `scansRejected.${reason}`] = integerText(row, 'scans');
    through += BigInt(integerText(row, 'through'));
    clones += BigInt(integerText(row, 'clones'));
  }
  totals.tonnageThroughKg = through.toString();
  totals.cloneFlags = clones.toString();
  return totals;
}

/** The keys whose values differ, with both values; empty when the totals are equal. */
export function totalsDifferences(
  rebuilt: GenerationTotals,
  live: GenerationTotals,
): Record<string, { rebuilt: string; live: string }> {
  const keys = new Set([...Object.keys(rebuilt), ...Object.keys(live)]);
  const differences: Record<string, { rebuilt: string; live: string }> = {};
  for (const key of [...keys].sort()) {
    const a = rebuilt[key] ?? '0';
    const b = live[key] ?? '0';
    if (a !== b) differences[key] = { rebuilt: a, live: b };
  }
  return differences;
}
