// @ts-check
// The window a renewal asks for by default (the renewal form is renewal-section.js). Kept free of
// the DOM, so test/pages checks it in Node.

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * The next window: from the end of the earlier pass (or now, if it has ended), for as long as it
 * lasted. The server still decides (start within the allowed days, longest validity). The fields
 * hold whole minutes, so the start is rounded up: rounded down, it would overlap the earlier pass.
 * @param {{ validFrom: string, validUntil: string }} pass
 */
export function nextWindow(pass, now = new Date()) {
  const until = new Date(pass.validUntil).getTime();
  const from = Math.ceil(Math.max(until, now.getTime()) / MINUTE_MS) * MINUTE_MS;
  const span = Math.max(DAY_MS, until - new Date(pass.validFrom).getTime());
  return { from: new Date(from), until: new Date(from + span) };
}
