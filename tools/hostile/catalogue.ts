import { randomUUID } from 'node:crypto';
import { nested, RawJson, withOwnKeys } from './json-text';

/**
 * The hostile values, by kind. Each list is a function of the valid value it replaces, so that
 * many mutations stay close to valid ("a good plate with U+202E inside") and reach the code
 * behind the first check.
 */

/** C0, DEL, C1, bidi and zero-width characters, lone surrogates, a noncharacter. */
export const CONTROL_CHARACTERS = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0008',
  '\t',
  '\n',
  '\r',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u0085',
  '\u009b',
  '\u009f',
  '\u061c',
  '\u200b',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\uffff',
] as const;

const DAY_MS = 86_400_000;

/** Instants at and past every edge: years 0 and 9999, the JavaScript Date limits, bad calendars. */
export function hostileInstants(): string[] {
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  return [
    '0000-01-01T00:00:00Z',
    '0000-01-01T00:00:00.000+14:00',
    '0001-01-01T00:00:00Z',
    '1000-01-01T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '1970-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '9999-12-31T23:59:59.999999999Z',
    '+275760-09-13T00:00:00.000Z',
    '+275760-09-13T00:00:00.001Z',
    '-271821-04-20T00:00:00.000Z',
    '-000001-01-01T00:00:00Z',
    '2022-02-30T00:00:00Z',
    '2022-04-07T24:00:00Z',
    '2022-04-07T23:59:60Z',
    '2022-04-07T08:00:00+24:00',
    '2022-04-07T08:00:00-99:99',
    '2022-04-07T08:00:00',
    '2022-04-07',
    '2022-W14-4T08:00:00Z',
    `2022-04-07T08:00:00.${'9'.repeat(400)}Z`,
    iso(now - DAY_MS),
    iso(now + 15 * DAY_MS),
    iso(now + 400 * DAY_MS),
    iso(now - 400 * DAY_MS),
    iso(now).replace('Z', '+23:59'),
    iso(now).replace('Z', '-23:59'),
    iso(now).toLowerCase(),
    ` ${iso(now)}`,
  ];
}

/** Calendar dates (YYYY-MM-DD) at and past every edge. */
export function hostileDates(): string[] {
  return [
    '0000-01-01',
    '0001-01-01',
    '1899-12-31',
    '1970-01-01',
    '9999-12-31',
    '+02022-04-07',
    '-2022-04-07',
    '2022-02-29',
    '2024-02-29',
    '2022-02-30',
    '2022-13-01',
    '2022-00-10',
    '2022-4-7',
    '2022-04-07T00:00:00Z',
    '20220407',
    '2022/04/07',
    '１９７０-０１-０１',
    '2000-01-01',
    '2099-12-31',
  ];
}

/** Numbers JSON can hold but code may not: extremes, precision, signs, and literals JSON.parse bends. */
export function hostileNumbers(): unknown[] {
  return [
    0,
    -1,
    0.0001,
    1e-7,
    3.14159,
    -2147483649,
    4294967296,
    2 ** 53,
    1e21,
    1e308,
    -1e308,
    new RawJson('-0'),
    new RawJson('9007199254740993'),
    new RawJson('1e400'),
    new RawJson('-1e400'),
    new RawJson(`1${'0'.repeat(400)}`),
    new RawJson(`0.${'0'.repeat(400)}1`),
    new RawJson('1.0000000000000000000001'),
    new RawJson('5e-324'),
  ];
}

/** Numbers written as text, as a form or a query string carries them. */
export function hostileNumericText(): string[] {
  return [
    '0',
    '-0',
    '-1',
    '00012',
    '12.3456',
    '12,5',
    '１２.５',
    '1e3',
    '1e400',
    '0x1F',
    'NaN',
    'Infinity',
    ' 12 ',
    '12.',
    '.5',
    '+5',
    '9'.repeat(40),
    '99999999999999999999.999',
    '1_000',
  ];
}

/** Strings that are wrong in every other way: length, markup, paths, injections, unicode. */
export function hostileStrings(valid: string): string[] {
  const controls = CONTROL_CHARACTERS.flatMap((c) => [`${valid}${c}`, `${c}${valid}`]);
  const middle = Math.floor(valid.length / 2);
  return [
    ...controls,
    `${valid.slice(0, middle)}\u202e${valid.slice(middle)}`,
    `${valid.slice(0, middle)}\u0000${valid.slice(middle)}`,
    '',
    ' ',
    '\u3000',
    'A'.repeat(10_000),
    '豫'.repeat(5_000),
    valid.repeat(200),
    'x'.repeat(70_000),
    valid.toLowerCase(),
    valid.toUpperCase(),
    toFullWidth(valid),
    `${valid}\u0301\u0301\u0301`,
    `${valid}🚚`,
    'مرحبا',
    'ﬁ',
    "' OR '1'='1",
    '"; DROP TABLE passes; --',
    '${7*7}',
    '{{7*7}}',
    '<script>alert(1)</script>',
    '../../../../etc/passwd',
    '%00',
    '%s%s%s%n',
    '\\',
    '\\u0000',
    'null',
    'undefined',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
  ];
}

/** Values of the wrong JSON type, prototype keys and deep nesting. */
export function hostileShapes(valid: unknown): unknown[] {
  return [
    null,
    true,
    false,
    [],
    {},
    [valid],
    { value: valid },
    withOwnKeys([['__proto__', { admin: true, role: 'admin' }]]),
    withOwnKeys([['constructor', { prototype: { admin: true } }]]),
    withOwnKeys([
      ['__proto__', null],
      ['toString', 1],
      ['valueOf', 'x'],
    ]),
    nested(64, 'array', valid),
    nested(5_000, 'array'),
    nested(2_000, 'object'),
    Array.from({ length: 5_000 }, (_, i) => i),
  ];
}

/** Values for a path parameter that should be a UUID (already URL-encoded where needed). */
export function hostilePathValues(valid: string): string[] {
  return [
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    randomUUID(),
    valid.toUpperCase(),
    `${valid}x`,
    valid.slice(0, -1),
    valid.replace(/-/g, ''),
    `{${valid}}`,
    `${valid}%00`,
    `${valid}%20`,
    '%00',
    '%01',
    '%0d%0aX-Injected:%201',
    '%E2%80%AE',
    '%C0%AE%C0%AE',
    '%ZZ',
    '%',
    '..',
    '%2e%2e%2f%2e%2e%2f',
    'A'.repeat(5_000),
    encodeURIComponent('豫'.repeat(200)),
    encodeURIComponent("1' OR '1'='1"),
    '1;DROP%20TABLE%20passes',
    '-1',
    '0',
    '1e400',
    'null',
    '__proto__',
    'constructor',
    encodeURIComponent('🚚'),
  ];
}

function toFullWidth(text: string): string {
  return [...text]
    .map((c) => {
      const code = c.charCodeAt(0);
      return code > 0x20 && code < 0x7f ? String.fromCharCode(code + 0xfee0) : c;
    })
    .join('');
}
