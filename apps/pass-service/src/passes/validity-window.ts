import { localDate } from '@app/domain';

export interface ValidityRules {
  maxValidityDays: number;
  /** How many calendar days after today a pass may start (today + N is the last start day). */
  maxStartAheadDays: number;
  timeZone: string;
}

const DAY_MS = 86_400_000;

/** The calendar date a number of days after a YYYY-MM-DD date. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Why a validity window is refused, or undefined when it is acceptable: it starts no earlier
 * than today (in the configured zone, so a pass applied for at 07:00 Beijing time may start at
 * midnight) and no later than the configured number of days after today, ends after it starts,
 * and lasts at most the configured number of days. The messages state the rule, never the input.
 */
export function validityProblem(
  validFrom: Date,
  validUntil: Date,
  now: Date,
  rules: ValidityRules,
): string | undefined {
  const today = localDate(now, rules.timeZone);
  const firstDay = localDate(validFrom, rules.timeZone);
  if (firstDay < today) {
    return `validFrom is before today (${today}, ${rules.timeZone}).`;
  }
  if (firstDay > addDays(today, rules.maxStartAheadDays)) {
    return `validFrom may be at most ${rules.maxStartAheadDays} days after today (${today}, ${rules.timeZone}).`;
  }
  if (validUntil.getTime() <= validFrom.getTime()) {
    return 'validUntil must be after validFrom.';
  }
  if (validUntil.getTime() - validFrom.getTime() > rules.maxValidityDays * DAY_MS) {
    return `A pass may be valid for at most ${rules.maxValidityDays} days.`;
  }
  return undefined;
}
