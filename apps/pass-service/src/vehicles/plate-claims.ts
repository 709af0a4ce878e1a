import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** An application's claim on its plate: the applicant, and the trailer it pulls if any. */
export interface PlateClaim {
  plate: string;
  enterpriseId: string;
  trailerPlate: string | null;
}

/**
 * The plate rule for a whole batch of applications, set-based: two statements at most whatever
 * the batch's size, and only one when every plate is new.
 */
@Injectable()
export class PlateClaims {
  /**
   * Registers each unregistered plate to the first claim on it (kind truck, or tractor with the
   * trailer's plate) and returns every claimed plate's holder. The unique plate decides a race:
   * of two transactions that claim a new plate at once, the second waits for the first and finds
   * it taken. A plate that was already registered is read with FOR KEY SHARE, held until the
   * caller's transaction ends, so that a transfer (which locks the row FOR UPDATE before it
   * revokes the holder's passes) cannot move the plate between this check and the caller's
   * commit. The rows inserted here need no lock: nobody else sees them before the commit.
   */
  async claim(manager: EntityManager, claims: readonly PlateClaim[]): Promise<Map<string, string>> {
    if (claims.length === 0) return new Map();
    const first = new Map<string, PlateClaim>();
    for (const claim of claims) if (!first.has(claim.plate)) first.set(claim.plate, claim);
    // In plate order, so two batches that claim the same new plates wait rather than deadlock.
    const ordered = [...first.values()].sort((a, b) => (a.plate < b.plate ? -1 : 1));
    const inserted: { plate: string }[] = await manager.query(
      `INSERT INTO vehicles (id, plate, enterprise_id, kind, trailer_plate)
       SELECT gen_random_uuid(), c.plate, c.enterprise_id,
         CASE WHEN c.trailer_plate IS NULL THEN 'truck' ELSE 'tractor' END, c.trailer_plate
       FROM unnest($1::text[], $2::uuid[], $3::text[]) AS c (plate, enterprise_id, trailer_plate)
       ON CONFLICT (plate) DO NOTHING
       RETURNING plate`,
      [
        ordered.map((c) => c.plate),
        ordered.map((c) => c.enterpriseId),
        ordered.map((c) => c.trailerPlate),
      ],
    );
    const holders = new Map<string, string>();
    for (const { plate } of inserted)
      holders.set(plate, (first.get(plate) as PlateClaim).enterpriseId);
    const registered = ordered.map((c) => c.plate).filter((plate) => !holders.has(plate));
    if (registered.length > 0) {
      // A second statement, so that its snapshot sees the rows a concurrent claim committed
      // while the insert above waited on them.
      const rows: { plate: string; enterprise_id: string }[] = await manager.query(
        `SELECT plate, enterprise_id FROM vehicles WHERE plate = ANY($1::text[])
         ORDER BY plate FOR KEY SHARE`,
        [registered],
      );
      for (const row of rows) holders.set(row.plate, row.enterprise_id);
    }
    for (const plate of first.keys()) {
      if (!holders.has(plate)) throw new Error(`plate ${plate} was claimed but has no holder`);
    }
    return holders;
  }
}
