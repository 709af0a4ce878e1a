/** A JSON literal that JSON.stringify cannot write (1e400, -0, 9007199254740993, NaN). */
export class RawJson {
  constructor(readonly text: string) {}
}

/**
 * JSON text for a hostile value: like JSON.stringify, but writes RawJson literals as they are
 * and keeps own keys named `__proto__` (an object built with {@link withOwnKeys}).
 */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  const parts: string[] = [];
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${toJsonText(item)}`);
  }
  return `{${parts.join(',')}}`;
}

/** An object whose keys are own properties, `__proto__` included (a literal would set the prototype). */
export function withOwnKeys(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** Arrays (or objects) nested `depth` levels around a value. */
export function nested(depth: number, kind: 'array' | 'object', inner: unknown = 1): RawJson {
  const open = kind === 'array' ? '['.repeat(depth) : '{"a":'.repeat(depth);
  const close = kind === 'array' ? ']'.repeat(depth) : '}'.repeat(depth);
  return new RawJson(`${open}${toJsonText(inner)}${close}`);
}
