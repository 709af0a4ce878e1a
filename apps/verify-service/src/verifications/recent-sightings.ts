import type { Sighting } from './clone-rule';

/**
 * The last few accepted scans of each recently seen pass, by pass number, bounded in both
 * directions: the pass least recently scanned is forgotten first, and each pass keeps only its
 * newest sightings.
 */
export class RecentSightings {
  private readonly byPass = new Map<string, Sighting[]>();

  constructor(
    private readonly maxPasses: number,
    private readonly perPass: number,
  ) {}

  of(passNumber: string): readonly Sighting[] {
    return this.byPass.get(passNumber) ?? [];
  }

  add(passNumber: string, sighting: Sighting): void {
    const list = this.byPass.get(passNumber) ?? [];
    // Delete and set again: Map order is insertion order, so this keeps the LRU order.
    this.byPass.delete(passNumber);
    list.push(sighting);
    list.sort((a, b) => a.at - b.at);
    if (list.length > this.perPass) list.splice(0, list.length - this.perPass);
    this.byPass.set(passNumber, list);
    if (this.byPass.size > this.maxPasses) {
      const oldest = this.byPass.keys().next().value;
      if (oldest !== undefined) this.byPass.delete(oldest);
    }
  }

  /** Takes back a sighting whose scan was never stored. */
  remove(passNumber: string, sighting: Sighting): void {
    const list = this.byPass.get(passNumber);
    if (!list) return;
    const kept = list.filter((s) => s !== sighting);
    if (kept.length) this.byPass.set(passNumber, kept);
    else this.byPass.delete(passNumber);
  }

  get size(): number {
    return this.byPass.size;
  }
}
