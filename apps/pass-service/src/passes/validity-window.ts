export interface ValidityRules {
  maxValidityDays: number;
  timeZone: string;
}

const DAY_MS = 86_400_000;

/** Building a formatter costs far more than formatting (it was 17% of issuing CPU): one per zone. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone, as YYYY-MM-DD (sortable as text). */
export function localDate(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(timeZone, format);
  }
  return format.format(instant);
}

/**
 * Why a validity window is refused, or undefined when it is acceptable: it starts no earlier
 * than today (in the configured zone, so a pass applied for at 07:00 Beijing time may start at
 * midnight), ends after it starts, and lasts at most the configured number of days.
 */
export function validityProblem(
  validFrom: Date,
  validUntil: Date,
  now: Date,
  rules: ValidityRules,
): string | undefined {
  if (localDate(validFrom, rules.timeZone) < localDate(now, rules.timeZone)) {
    return `validFrom is before today (${localDate(now, rules.timeZone)}, ${rules.timeZone}).`;
  }
  if (validUntil.getTime() <= validFrom.getTime()) {
    return 'validUntil must be after validFrom.';
  }
  if (validUntil.getTime() - validFrom.getTime() > rules.maxValidityDays * DAY_MS) {
    return `A pass may be valid for at most ${rules.maxValidityDays} days.`;
  }
  return undefined;
}
