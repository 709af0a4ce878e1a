// @ts-check
// A hardware scanner is a keyboard that types fast and ends with Enter. While focus is outside
// the text fields (on the verdict's button, say), such input is caught here so the next truck is
// not lost; in a field, the field's own form takes it.

/** Keys further apart than this are a person typing, not a scanner. */
const KEY_GAP_MS = 200;
/** Shorter bursts are not a code. */
const MIN_LENGTH = 8;

/**
 * @param {{ onCode: (text: string) => void, onEscape: () => void }} handlers
 */
export function listenForHardwareScanner({ onCode, onEscape }) {
  let typed = { text: '', at: 0 };
  document.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLInputElement) return;
    const fast = Date.now() - typed.at < KEY_GAP_MS;
    if (event.key === 'Enter' && typed.text.length >= MIN_LENGTH && fast) {
      event.preventDefault();
      const { text } = typed;
      typed = { text: '', at: 0 };
      onCode(text);
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey) {
      typed = { text: fast ? typed.text + event.key : event.key, at: Date.now() };
    } else if (event.key === 'Escape') {
      onEscape();
    }
  });
}
