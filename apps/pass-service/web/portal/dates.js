// @ts-check
// Dates as the portal's `datetime-local` fields hold them.

/** `datetime-local` value of a Date, in this device's zone. */
/** @param {Date} date */
export function localInputValue(date) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
