import { randomUUID } from 'node:crypto';
import {
  hostileDates,
  hostileInstants,
  hostileNumbers,
  hostileNumericText,
  hostilePathValues,
  hostileShapes,
  hostileStrings,
} from './catalogue';
import type { Credential } from './credentials';
import { nested, RawJson, toJsonText, withOwnKeys } from './json-text';
import { propertiesOf, type JsonSchema, type Operation } from './openapi';
import type { SeedRequest } from './seeds';

/** One request, ready to send. */
export interface HttpCase {
  /** What was changed from the valid seed, for the report. */
  label: string;
  method: string;
  /** Path and query string. */
  path: string;
  headers: Record<string, string>;
  rawBody?: string | Buffer;
  /** Sent with a forged or missing credential. */
  forged: boolean;
  stream: boolean;
}

/** The request being mutated; every mutator changes it in place. */
interface Draft {
  method: string;
  /** Already percent-encoded. */
  pathValues: Record<string, string>;
  query: [string, string][];
  /** Replaces `query` when a mutation needs bytes no encoder writes. */
  rawQuery?: string;
  body?: unknown;
  rawBody?: string | Buffer;
  headers: Record<string, string>;
  credential: Credential;
  labels: string[];
}

export type Random = () => number;

export function pickFrom<T>(rng: Random, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

/** The seed as it is: the request every mutation starts from. */
export function seedCase(op: Operation, seed: SeedRequest, credential: Credential): HttpCase {
  return render(op, draftOf(seed, credential), seed.stream === true);
}

/**
 * A mutated request: one to three changes to the seed (a field's value, the body's shape, a
 * query parameter, a path parameter, a header, the credential or the method).
 */
export function mutatedCase(
  op: Operation,
  seed: SeedRequest,
  genuine: Credential,
  credentials: readonly Credential[],
  rng: Random,
  options: { genuineAllowed: boolean },
): HttpCase {
  const draft = draftOf(seed, genuine);
  const mutators = applicableMutators(op, draft);
  const count = rng() < 0.12 ? 2 + Math.floor(rng() * 2) : 1;
  for (let i = 0; i < count; i++) {
    const mutator = weightedPick(rng, mutators);
    mutator.apply(draft, op, rng, credentials);
  }
  if (!options.genuineAllowed && (draft.credential === genuine || draft.credential.sameRole)) {
    draft.credential = pickFrom(
      rng,
      credentials.filter((c) => !c.sameRole),
    );
    draft.labels.push(`credential: ${draft.credential.label}`);
  }
  return render(op, draft, seed.stream === true);
}

function draftOf(seed: SeedRequest, credential: Credential): Draft {
  return {
    method: '',
    pathValues: Object.fromEntries(
      Object.entries(seed.path ?? {}).map(([k, v]) => [k, encodeURIComponent(v)]),
    ),
    query: Object.entries(seed.query ?? {}),
    body: seed.body === undefined ? undefined : structuredClone(seed.body),
    headers: { ...(seed.headers ?? {}) },
    credential,
    labels: [],
  };
}

function render(op: Operation, draft: Draft, stream: boolean): HttpCase {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => draft.pathValues[name] ?? '');
  const query =
    draft.rawQuery ??
    draft.query.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
  const headers: Record<string, string> = {};
  let rawBody = draft.rawBody;
  if (rawBody === undefined && draft.body !== undefined) {
    rawBody = toJsonText(draft.body);
    headers['content-type'] = 'application/json';
  } else if (rawBody !== undefined) {
    headers['content-type'] = 'application/json';
  }
  Object.assign(headers, draft.headers);
  if (draft.credential.header !== undefined) headers.authorization = draft.credential.header;
  return {
    label: draft.labels.join('; ') || 'the valid seed',
    method: draft.method || op.method,
    path: query ? `${path}?${query}` : path,
    headers,
    rawBody,
    forged: draft.credential.forged,
    stream,
  };
}

/** RFC 3986 percent-encoding of the UTF-8 bytes (lone surrogates become U+FFFD, never a throw). */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

interface Mutator {
  weight: number;
  apply(draft: Draft, op: Operation, rng: Random, credentials: readonly Credential[]): void;
}

/** A value from the list that is not the one already there (the lists hold near-valid values). */
function pickOther<T>(rng: Random, items: readonly T[], current: unknown): T {
  const same = toJsonText(current);
  const others = items.filter((item) => toJsonText(item) !== same);
  return pickFrom(rng, others.length > 0 ? others : items);
}

function weightedPick(rng: Random, mutators: readonly Mutator[]): Mutator {
  const total = mutators.reduce((sum, m) => sum + m.weight, 0);
  let roll = rng() * total;
  for (const mutator of mutators) {
    roll -= mutator.weight;
    if (roll <= 0) return mutator;
  }
  return mutators[mutators.length - 1];
}

function applicableMutators(op: Operation, draft: Draft): Mutator[] {
  const bodyFields = fieldsOf(draft.body, op.bodySchema);
  const queryNames = new Set([
    ...draft.query.map(([k]) => k),
    ...op.queryParameters.map((p) => p.name),
  ]);
  const takesBody = op.method !== 'GET' && op.method !== 'DELETE';
  const list: Mutator[] = [];
  if (bodyFields.length > 0) list.push({ weight: 40, apply: mutateBodyField });
  list.push({ weight: takesBody ? 15 : 3, apply: mutateBodyShape });
  if (queryNames.size > 0) list.push({ weight: 35, apply: mutateQueryValue });
  list.push({ weight: queryNames.size > 0 ? 10 : 4, apply: mutateQueryShape });
  if (op.pathParameters.length > 0) list.push({ weight: 30, apply: mutatePathValue });
  list.push({ weight: 5, apply: mutateHeader });
  list.push({ weight: op.secured ? 10 : 3, apply: mutateCredential });
  list.push({ weight: 2, apply: mutateMethod });
  return list;
}

function fieldsOf(body: unknown, schema: JsonSchema | undefined): string[] {
  const own =
    body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
  return [...new Set([...own, ...Object.keys(propertiesOf(schema))])];
}

function describe(value: unknown): string {
  if (value instanceof RawJson) {
    return value.text.length > 40
      ? `${value.text.slice(0, 24)}… (${value.text.length} chars)`
      : value.text;
  }
  const text = toJsonText(value);
  return text.length > 40 ? `${text.slice(0, 24)}… (${text.length} chars)` : text;
}

/** Values the field's schema says are wrong (or right at its edge), when the description has one. */
function schemaValues(schema: JsonSchema | undefined): unknown[] {
  if (!schema) return [];
  const values: unknown[] = [];
  if (schema.enum?.length) {
    const first = String(schema.enum[0]);
    values.push(`${first}x`, first.toUpperCase(), ` ${first}`, schema.enum);
  }
  if (schema.maxLength !== undefined) {
    values.push('a'.repeat(schema.maxLength), 'a'.repeat(schema.maxLength + 1));
  }
  if (schema.minLength !== undefined && schema.minLength > 0) {
    values.push('a'.repeat(schema.minLength - 1));
  }
  for (const bound of [schema.minimum, schema.maximum]) {
    if (bound !== undefined) values.push(bound, bound - 1, bound + 1, bound + 0.5);
  }
  if (typeof schema.exclusiveMinimum === 'number') values.push(schema.exclusiveMinimum);
  if (typeof schema.exclusiveMaximum === 'number') values.push(schema.exclusiveMaximum);
  if (schema.maxItems !== undefined)
    values.push(Array.from({ length: schema.maxItems + 1 }, () => 'x'));
  if (schema.format === 'date-time') values.push(...hostileInstants());
  if (schema.format === 'date') values.push(...hostileDates());
  if (schema.format === 'uuid') values.push('not-a-uuid', randomUUID().toUpperCase());
  if (schema.pattern !== undefined) values.push('', '!'.repeat(8));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.includes('integer')) values.push(1.5, '1');
  if (types.includes('number') || types.includes('integer')) values.push(...hostileNumbers());
  if (types.includes('string')) values.push(12, true);
  if (types.includes('boolean')) values.push('true', 1, 0);
  if (types.includes('array')) values.push('x', [null], nested(100, 'array'));
  return values;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMERIC = /^-?\d+(\.\d+)?$/;

/** The catalogue for a value: by what the valid value looks like, plus wrong types for all. */
function valuesLike(valid: unknown, rng: Random): unknown[] {
  if (typeof valid === 'number') return rng() < 0.7 ? hostileNumbers() : hostileShapes(valid);
  if (typeof valid === 'string') {
    const roll = rng();
    if (roll < 0.15) return hostileShapes(valid);
    if (roll < 0.25) return hostileNumbers();
    if (ISO_INSTANT.test(valid)) return hostileInstants();
    if (ISO_DATE.test(valid)) return hostileDates();
    if (NUMERIC.test(valid) && roll < 0.6) return hostileNumericText();
    return hostileStrings(valid);
  }
  return hostileShapes(valid);
}

function mutateBodyField(draft: Draft, op: Operation, rng: Random): void {
  if (draft.body === null || typeof draft.body !== 'object' || Array.isArray(draft.body)) return;
  const body = draft.body as Record<string, unknown>;
  const fields = fieldsOf(body, op.bodySchema);
  const field = fields.length > 0 ? pickFrom(rng, fields) : 'extra';
  const fromSchema = schemaValues(propertiesOf(op.bodySchema)[field]);
  const candidates =
    fromSchema.length > 0 && rng() < 0.5 ? fromSchema : valuesLike(body[field] ?? '', rng);
  const value = pickOther(rng, candidates, body[field]);
  body[field] = value;
  draft.labels.push(`body.${field} ← ${describe(value)}`);
}

function mutateBodyShape(draft: Draft, op: Operation, rng: Random): void {
  const body = draft.body !== null && typeof draft.body === 'object' ? draft.body : {};
  const fields = Object.keys(body);
  const json = toJsonText(body);
  const set = (label: string, raw: string | Buffer, contentType?: string) => {
    draft.rawBody = raw;
    if (contentType !== undefined) draft.headers['content-type'] = contentType;
    draft.labels.push(`body: ${label}`);
  };
  const shapes: (() => void)[] = [
    () => {
      if (fields.length === 0) return set('empty object', '{}');
      const field = pickFrom(rng, fields);
      const rest = Object.fromEntries(Object.entries(body).filter(([k]) => k !== field));
      draft.body = rest;
      draft.labels.push(`body: without ${field}`);
    },
    () => {
      const extra = pickFrom(rng, [
        'isAdmin',
        'role',
        'status',
        'enterpriseId',
        'id',
        'passNumber',
        'tonnageKg',
      ]);
      draft.body = { ...body, [extra]: extra === 'isAdmin' ? true : 'admin' };
      draft.labels.push(`body: unknown field ${extra}`);
    },
    () => {
      draft.body = withOwnKeys([
        ['__proto__', { role: 'admin', isAdmin: true }],
        ...Object.entries(body),
      ]);
      draft.labels.push('body: own __proto__ key');
    },
    () => {
      draft.body = withOwnKeys([
        ['constructor', { prototype: { role: 'admin' } }],
        ...Object.entries(body),
      ]);
      draft.labels.push('body: constructor.prototype key');
    },
    () => set('an array of the body', `[${json}]`),
    () => set('a JSON string', JSON.stringify(json)),
    () => set('a number', '42'),
    () => set('null', 'null'),
    () => set('empty with a JSON content-type', ''),
    () => set('truncated JSON', json.slice(0, Math.max(1, Math.floor(json.length / 2)))),
    () => set('trailing garbage', `${json}garbage`),
    () => set('a byte-order mark first', `\ufeff${json}`),
    () => set('single quotes', json.replace(/"/g, "'")),
    () =>
      set(
        'duplicate keys',
        fields.length
          ? `${json.slice(0, -1)},${JSON.stringify(fields[0])}:"dup"}`
          : '{"a":1,"a":2}',
      ),
    () => set('2,000 nested objects', nested(2_000, 'object').text),
    () => set('100,000 nested arrays', nested(100_000, 'array').text),
    () =>
      set('70 kB (over the body limit)', JSON.stringify({ padding: 'x'.repeat(70_000), ...body })),
    () => set('1 MB', Buffer.alloc(1_000_000, 0x20)),
    () =>
      set(
        'invalid UTF-8',
        Buffer.concat([
          Buffer.from(json.slice(0, -1)),
          Buffer.from([0xff, 0xfe, 0xc0, 0xaf]),
          Buffer.from('}'),
        ]),
      ),
    () => set('as text/plain', json, 'text/plain'),
    () =>
      set(
        'as a form',
        new URLSearchParams(
          Object.entries(body).map(([k, v]): [string, string] => [k, String(v)]),
        ).toString(),
        'application/x-www-form-urlencoded',
      ),
    () =>
      set(
        'as multipart',
        `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--`,
        'multipart/form-data; boundary=x',
      ),
    () => set('JSON with a UTF-16 charset', json, 'application/json; charset=utf-16'),
    () => set('JSON in a vendor type', json, 'application/vnd.api+json'),
    () => set('content-type without a type', json, ''),
  ];
  void op;
  pickFrom(rng, shapes)();
}

function mutateQueryValue(draft: Draft, op: Operation, rng: Random): void {
  const names = [
    ...new Set([...draft.query.map(([k]) => k), ...op.queryParameters.map((p) => p.name)]),
  ];
  // An earlier change in this case may have dropped the only parameter: add one back.
  const name = names.length > 0 ? pickFrom(rng, names) : 'extra';
  const valid = draft.query.find(([k]) => k === name)?.[1] ?? '';
  const schema = op.queryParameters.find((p) => p.name === name)?.schema;
  const fromSchema = schemaValues(schema).filter((v): v is string => typeof v === 'string');
  const pool =
    fromSchema.length > 0 && rng() < 0.4
      ? fromSchema
      : ISO_DATE.test(valid)
        ? hostileDates()
        : ISO_INSTANT.test(valid)
          ? hostileInstants()
          : NUMERIC.test(valid) && rng() < 0.6
            ? hostileNumericText()
            : hostileStrings(valid || 'x');
  const value = pickOther(rng, pool, valid);
  draft.query = [...draft.query.filter(([k]) => k !== name), [name, value]];
  draft.labels.push(`query ${name} ← ${describe(value)}`);
}

function mutateQueryShape(draft: Draft, _op: Operation, rng: Random): void {
  const encoded = draft.query.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
  const first = draft.query[0];
  const raw = (label: string, query: string) => {
    draft.rawQuery = query;
    draft.labels.push(`query: ${label}`);
  };
  const shapes: (() => void)[] = [
    () => {
      if (!first) return raw('an unknown parameter', 'extra=1');
      draft.query = draft.query.slice(1);
      draft.labels.push(`query: without ${first[0]}`);
    },
    () =>
      first
        ? raw(`${first[0]} twice`, `${encoded}&${percentEncode(first[0])}=other`)
        : raw('x twice', 'x=1&x=2'),
    () =>
      first
        ? raw(`${first[0]}[]`, `${encoded}&${percentEncode(first[0])}[]=1`)
        : raw('a[]', 'a[]=1'),
    () =>
      first
        ? raw(`${first[0]}[a]`, `${encoded}&${percentEncode(first[0])}[a]=1`)
        : raw('a[b]', 'a[b]=1'),
    () => raw('__proto__ parameter', `${encoded}&__proto__=x&__proto__[role]=admin`),
    () => raw('constructor parameter', `${encoded}&constructor[prototype][role]=admin`),
    () => raw('hasOwnProperty parameter', `${encoded}&hasOwnProperty=1&toString=1`),
    () => raw('access_token junk', `${encoded}&access_token=garbage`),
    () =>
      first
        ? raw('empty value', `${encoded}&${percentEncode(first[0])}=`)
        : raw('empty value', 'a='),
    () => (first ? raw('no "="', `${percentEncode(first[0])}`) : raw('no "="', 'a')),
    () => raw('a lone %', `${encoded}&%`),
    () => raw('%ZZ', `${encoded}&a=%ZZ`),
    () => raw('%00 key', `${encoded}&%00=1`),
    () => raw('&&&&', `&&&&${encoded}&&&&`),
    () =>
      raw('semicolons', encoded.includes('&') ? encoded.replace(/&/g, ';') : `${encoded};a=1;b=2`),
    () => raw('1,000 parameters', Array.from({ length: 1000 }, (_, i) => `p${i}=${i}`).join('&')),
    () => raw('12 kB value', `${encoded}&long=${'a'.repeat(12_000)}`),
    () => raw('20 kB value (over the header limit)', `${encoded}&long=${'a'.repeat(20_000)}`),
  ];
  pickFrom(rng, shapes)();
}

function mutatePathValue(draft: Draft, op: Operation, rng: Random): void {
  const name = pickFrom(rng, op.pathParameters);
  const valid = safeDecode(draft.pathValues[name] ?? '');
  const value = pickOther(rng, hostilePathValues(valid || randomUUID()), draft.pathValues[name]);
  draft.pathValues[name] = value;
  draft.labels.push(`path ${name} ← ${describe(value)}`);
}

function mutateHeader(draft: Draft, _op: Operation, rng: Random): void {
  const hasKey = draft.headers['idempotency-key'] !== undefined;
  const choices: [string, string][] = [
    ['content-type', 'application/json; charset=latin1'],
    ['content-type', 'application/json, text/plain'],
    ['content-type', 'application/xml'],
    ['accept', 'image/png'],
    ['accept', '*/*;q=0'],
    ['accept-encoding', 'br;q=1, gzip;q=1, deflate, zstd, x-unknown'],
    ['content-encoding', 'gzip'],
    ['x-request-id', 'x'.repeat(5_000)],
    ['x-request-id', '../../etc/passwd'],
    ['x-forwarded-for', '10.0.0.1, 127.0.0.1'],
    ['origin', 'null'],
    ['if-none-match', '*'],
    ['range', 'bytes=0-0,1-1,2-2'],
  ];
  if (hasKey) {
    choices.push(
      ['idempotency-key', ''],
      ['idempotency-key', ' '],
      ['idempotency-key', 'a'.repeat(201)],
      ['idempotency-key', 'k'.repeat(8_000)],
      ['idempotency-key', 'key with spaces'],
      ['idempotency-key', '\u00ff\u00fe'],
      ['idempotency-key', 'same-key-for-everyone'],
    );
  }
  const [name, value] = pickFrom(rng, choices);
  draft.headers[name] = value;
  draft.labels.push(`header ${name} ← ${describe(value)}`);
}

function mutateCredential(
  draft: Draft,
  _op: Operation,
  rng: Random,
  credentials: readonly Credential[],
): void {
  draft.credential = pickFrom(rng, credentials);
  draft.labels.push(`credential: ${draft.credential.label}`);
}

function mutateMethod(draft: Draft, op: Operation, rng: Random): void {
  const method = pickFrom(
    rng,
    ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'].filter((m) => m !== op.method),
  );
  draft.method = method;
  draft.labels.push(`method ${method}`);
}

/** A path value to build on; one an earlier mutation left malformed is taken as it is. */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
