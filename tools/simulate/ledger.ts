import type { Summary } from '../shared/epass-api';

/** What the simulation did, counted on its side, to hold the reports against. */
export class Ledger {
  passesIssued = 0;
  crossProvincePasses = 0;
  tonnageDeclaredKg = 0n;
  passesRevoked = 0;
  scansAccepted = 0;
  scansRejected = 0;
  tonnageThroughKg = 0n;
  rejectedByReason: Record<string, number> = {};
  byCargo: Record<string, { passes: number; kg: bigint }> = {};

  issued(cargo: string, kg: number, crossProvince: boolean): void {
    this.passesIssued++;
    if (crossProvince) this.crossProvincePasses++;
    this.tonnageDeclaredKg += BigInt(kg);
    const row = (this.byCargo[cargo] ??= { passes: 0, kg: 0n });
    row.passes++;
    row.kg += BigInt(kg);
  }

  scanned(
    verdict: 'accepted' | 'rejected',
    reason: string | null,
    direction: string,
    kg: number,
  ): void {
    if (verdict === 'accepted') {
      this.scansAccepted++;
      if (direction === 'entry') this.tonnageThroughKg += BigInt(kg);
    } else {
      this.scansRejected++;
      const key = reason ?? 'UNKNOWN';
      this.rejectedByReason[key] = (this.rejectedByReason[key] ?? 0) + 1;
    }
  }
}

/** Tons with three decimals ("1720000.000") to integer kilograms, without floats. */
export function tonsToKg(tons: string): bigint {
  const [whole, fraction = ''] = tons.split('.');
  return BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0').slice(0, 3));
}

export interface Comparison {
  metric: string;
  sent: string;
  reported: string;
  ok: boolean;
}

/** The reported change over the run (after − before) against the ledger, metric by metric. */
export function compare(
  ledger: Ledger,
  before: Summary,
  after: Summary,
  cargoBefore: Record<string, { passes: number; kg: bigint }>,
  cargoAfter: Record<string, { passes: number; kg: bigint }>,
): Comparison[] {
  const rows: Comparison[] = [];
  const add = (metric: string, sent: bigint | number, reported: bigint | number) =>
    rows.push({
      metric,
      sent: String(sent),
      reported: String(reported),
      ok: BigInt(sent) === BigInt(reported),
    });
  add('passes issued', ledger.passesIssued, after.passesIssued - before.passesIssued);
  add(
    'cross-province passes',
    ledger.crossProvincePasses,
    after.crossProvincePasses - before.crossProvincePasses,
  );
  add(
    'tonnage declared (kg)',
    ledger.tonnageDeclaredKg,
    tonsToKg(after.tonnageDeclared) - tonsToKg(before.tonnageDeclared),
  );
  add('passes revoked', ledger.passesRevoked, after.passesRevoked - before.passesRevoked);
  add('scans accepted', ledger.scansAccepted, after.scansAccepted - before.scansAccepted);
  add('scans rejected', ledger.scansRejected, after.scansRejected - before.scansRejected);
  add(
    'tonnage through checkpoints (kg)',
    ledger.tonnageThroughKg,
    tonsToKg(after.tonnageThroughCheckpoints) - tonsToKg(before.tonnageThroughCheckpoints),
  );
  const reasons = new Set([
    ...Object.keys(ledger.rejectedByReason),
    ...Object.keys(after.rejectedByReason ?? {}),
  ]);
  for (const reason of [...reasons].sort()) {
    add(
      `  rejected ${reason}`,
      ledger.rejectedByReason[reason] ?? 0,
      (after.rejectedByReason?.[reason] ?? 0) - (before.rejectedByReason?.[reason] ?? 0),
    );
  }
  for (const cargo of Object.keys({ ...ledger.byCargo, ...cargoAfter }).sort()) {
    const sent = ledger.byCargo[cargo] ?? { passes: 0, kg: 0n };
    const was = cargoBefore[cargo] ?? { passes: 0, kg: 0n };
    const now = cargoAfter[cargo] ?? { passes: 0, kg: 0n };
    add(`  ${cargo} passes`, sent.passes, now.passes - was.passes);
    add(`  ${cargo} kg`, sent.kg, now.kg - was.kg);
  }
  return rows;
}
