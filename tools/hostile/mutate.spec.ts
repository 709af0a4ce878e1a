import { seededRandom } from '../shared/fixtures';
import type { Credential } from './credentials';
import { RawJson, toJsonText, withOwnKeys } from './json-text';
import { mutatedCase, percentEncode, seedCase } from './mutate';
import type { Operation } from './openapi';
import type { SeedRequest } from './seeds';

const genuine: Credential = {
  label: 'genuine',
  header: 'Bearer good',
  forged: false,
  sameRole: true,
};
const forged: Credential = { label: 'junk', header: 'Bearer junk', forged: true, sameRole: false };
const respelt: Credential = {
  label: 'lower',
  header: 'bearer good',
  forged: false,
  sameRole: true,
};

const operation = (overrides: Partial<Operation> = {}): Operation => ({
  service: 'pass-service',
  method: 'POST',
  path: '/v1/things/{id}',
  key: 'POST /v1/things/{id}',
  pathParameters: ['id'],
  queryParameters: [],
  secured: true,
  ...overrides,
});

const seed: SeedRequest = {
  role: 'enterprise',
  path: { id: '0d2c1a8e-5f7b-4c1e-9a3d-2b6e8f0a1c4d' },
  body: { colour: 'red', size: 3 },
};

describe('hostile request mutation', () => {
  it('sends the seed as it is, with its credential', () => {
    const sent = seedCase(operation(), seed, genuine);
    expect(sent.path).toBe('/v1/things/0d2c1a8e-5f7b-4c1e-9a3d-2b6e8f0a1c4d');
    expect(JSON.parse(String(sent.rawBody))).toEqual({ colour: 'red', size: 3 });
    expect(sent.headers.authorization).toBe('Bearer good');
    expect(sent.label).toBe('the valid seed');
  });

  it('changes something in every case and always fills the path', () => {
    const rng = seededRandom(7);
    const asSeed = seedCase(operation(), seed, genuine);
    const fingerprint = (c: typeof asSeed) =>
      JSON.stringify([c.method, c.path, c.headers, String(c.rawBody)]);
    for (let i = 0; i < 500; i++) {
      const sent = mutatedCase(operation(), seed, genuine, [forged, respelt], rng, {
        genuineAllowed: true,
      });
      expect(sent.label).not.toBe('the valid seed');
      expect(sent.path).not.toContain('{id}');
      expect(fingerprint(sent) === fingerprint(asSeed) ? sent.label : 'changed').toBe('changed');
    }
  });

  it('takes the fields and their edges from a request schema when the description has one', () => {
    const op = operation({
      bodySchema: {
        type: 'object',
        properties: {
          colour: { type: 'string', enum: ['red', 'blue'] },
          size: { type: 'integer', minimum: 1, maximum: 10 },
          note: { type: 'string', maxLength: 5 },
        },
      },
    });
    const rng = seededRandom(11);
    const sentNotes = new Set<string>();
    const sentSizes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const sent = mutatedCase(op, seed, genuine, [forged], rng, { genuineAllowed: true });
      const match = /^body\.(note|size) ← (.*)$/.exec(sent.label);
      if (match?.[1] === 'note') sentNotes.add(match[2]);
      if (match?.[1] === 'size') sentSizes.add(match[2]);
    }
    // A field the seed lacks but the schema documents, at and over its maximum length.
    expect(sentNotes).toContain('"aaaaa"');
    expect(sentNotes).toContain('"aaaaaa"');
    // Just outside the documented range, and a non-integer.
    expect(sentSizes).toContain('0');
    expect(sentSizes).toContain('11');
    expect(sentSizes).toContain('1.5');
  });

  it('never sends the seed role’s token where only a few genuine cases are allowed', () => {
    const rng = seededRandom(3);
    for (let i = 0; i < 300; i++) {
      const sent = mutatedCase(operation(), seed, genuine, [forged, respelt], rng, {
        genuineAllowed: false,
      });
      expect(sent.headers.authorization).toBe('Bearer junk');
      expect(sent.forged).toBe(true);
    }
  });
});

describe('hostile JSON text', () => {
  it('writes own __proto__ keys and literals JSON.stringify cannot', () => {
    const body = withOwnKeys([
      ['__proto__', { role: 'admin' }],
      ['n', new RawJson('1e400')],
    ]);
    expect(toJsonText(body)).toBe('{"__proto__":{"role":"admin"},"n":1e400}');
  });

  it('percent-encodes lone surrogates and control characters instead of throwing', () => {
    expect(percentEncode('a\ud800b')).toBe('a%EF%BF%BDb');
    expect(percentEncode('x\u0000\u202e~')).toBe('x%00%E2%80%AE~');
  });
});
