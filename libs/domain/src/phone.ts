/** Digits a masked phone number may show at most: the first three and the last four of a mobile. */
const MAX_SHOWN = 7;
/** Characters a masked number always hides, so a short number is never shown almost whole. */
const MIN_HIDDEN = 4;

/**
 * A phone number as lists, exports and printouts show it: `13912345678` → `139****5678`. The
 * length is kept; at most the first three and the last four characters show, and at least four
 * are always hidden (a short number shows its tail first: `12345678` → `****5678`).
 */
export function maskPhone(phone: string): string {
  const chars = Array.from(phone);
  const shown = Math.max(0, Math.min(MAX_SHOWN, chars.length - MIN_HIDDEN));
  const tail = Math.min(4, shown);
  const head = shown - tail;
  return (
    chars.slice(0, head).join('') +
    '*'.repeat(chars.length - shown) +
    chars.slice(chars.length - tail).join('')
  );
}
