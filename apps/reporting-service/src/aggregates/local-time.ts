export interface LocalHour {
  /** YYYY-MM-DD in the report time zone. */
  day: string;
  /** 0–23 in the report time zone. */
  hour: number;
}

/**
 * Buckets instants into local days and hours of one time zone. Offsets are whole quarter hours in
 * every zone, so all instants of one UTC minute share a bucket and the result is cached per minute:
 * Intl formatting per event would dominate the cost of a large batch.
 */
export class LocalTimeBuckets {
  private readonly format: Intl.DateTimeFormat;
  private readonly cache = new Map<string, LocalHour>();

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
  }

  /** The local day and hour of an ISO-8601 UTC instant. */
  of(isoInstant: string): LocalHour {
    const minute = isoInstant.slice(0, 16);
    const cached = this.cache.get(minute);
    if (cached) return cached;
    const parts = this.format.formatToParts(new Date(isoInstant));
    const part = (type: Intl.DateTimeFormatPartTypes): string =>
      parts.find((p) => p.type === type)?.value ?? '';
    const bucket = {
      day: `${part('year')}-${part('month')}-${part('day')}`,
      hour: Number(part('hour')),
    };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(minute, bucket);
    return bucket;
  }

  /** Today's local date, for reports that default to "today". */
  today(now: Date = new Date()): string {
    return this.of(now.toISOString()).day;
  }
}
