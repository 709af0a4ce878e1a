import { z } from 'zod';
import { samplePassIssued } from '../../../test/support/sample-events';
import {
  boundedText,
  coded,
  isDateInRange,
  isFreeText,
  isoInstant,
  plainText,
  TEXT_INVALID,
  zonedInstant,
} from './fields';
import { Topic } from './topics';
import { parseTopicEvent } from './topic-map';

const HOSTILE: [string, string][] = [
  ['a right-to-left override (U+202E)', '开封\u202e站一号'],
  ['BEL (U+0007)', 'ding\u0007'],
  ['NUL (U+0000)', 'a\u0000b'],
  ['a tab', 'a\tb'],
  ['a line feed', 'line\nbreak'],
  ['DEL (U+007F)', 'a\u007f'],
  ['NEL, a C1 control (U+0085)', 'a\u0085b'],
  ['the last C1 control (U+009F)', 'a\u009f'],
  ['a left-to-right isolate (U+2066)', '\u2066name'],
  ['a pop directional isolate (U+2069)', 'name\u2069'],
  ['a left-to-right embedding (U+202A)', '\u202aname'],
  ['a right-to-left mark (U+200F)', 'name\u200f'],
  ['a left-to-right mark (U+200E)', '\u200ename'],
  ['an Arabic letter mark (U+061C)', 'name\u061c'],
  ['a lone high surrogate', 'a\ud800b'],
  ['a lone low surrogate', 'a\udc00b'],
  ['a high surrogate at the end', 'name\udbff'],
];

describe('free text', () => {
  it.each(HOSTILE)('refuses %s', (_, text) => {
    expect(isFreeText(text)).toBe(false);
  });

  it.each([
    ['Chinese', '开封市祥符区检查站'],
    ['an emoji (a surrogate pair)', '车队 🚚'],
    ['a no-break space and accents', 'Café\u00a0Noël'],
    ['a zero-width joiner inside an emoji', '👩\u200d🔧'],
    ['the empty string', ''],
  ])('accepts %s', (_, text) => {
    expect(isFreeText(text)).toBe(true);
  });

  it('reports a forbidden character as TEXT_INVALID without repeating the text', () => {
    const result = plainText(50).safeParse('开封\u202e站\u0007');
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0] as { params?: { code?: string }; message: string };
    expect(issue.params?.code).toBe(TEXT_INVALID);
    for (const part of ['开封', '\u202e', '\u0007']) expect(issue.message).not.toContain(part);
  });

  it('trims and bounds the length of bounded text (the length as sent, so spaces count too)', () => {
    expect(boundedText(1, 5).parse(' abc ')).toBe('abc');
    expect(boundedText(1, 5).safeParse('   ').success).toBe(false);
    expect(boundedText(1, 5).safeParse('abcdef').success).toBe(false);
  });
});

describe('coded fields', () => {
  const name = z.strictObject({ name: coded('NAME_INVALID', boundedText(1, 10), '1–10 chars') });
  const codeOf = (value: unknown) => {
    const result = name.safeParse({ name: value });
    const issue = result.error?.issues[0] as { params?: { code?: string } } | undefined;
    return issue?.params?.code;
  };

  it("keeps the field's own code for its own rules", () => {
    expect(codeOf('')).toBe('NAME_INVALID');
    expect(codeOf('x'.repeat(11))).toBe('NAME_INVALID');
    expect(codeOf(42)).toBe('NAME_INVALID');
    expect(codeOf(undefined)).toBe('NAME_INVALID');
  });

  it('lets a forbidden character keep its one code, TEXT_INVALID, in every field', () => {
    expect(codeOf('ab\u202ec')).toBe(TEXT_INVALID);
    expect(codeOf('ab\u0007')).toBe(TEXT_INVALID);
  });
});

describe('the instant range', () => {
  it.each([
    ['the first instant', '2000-01-01T00:00:00Z'],
    ['the last instant', '2100-12-31T23:59:59.999Z'],
    ['an ordinary one', '2022-04-07T08:00:00.000Z'],
  ])('takes %s as an event instant', (_, text) => {
    expect(isoInstant.safeParse(text).success).toBe(true);
  });

  it.each([
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['year 9999', '9999-12-31T23:59:59Z'],
    ['just before 2000', '1999-12-31T23:59:59.999Z'],
    ['just after 2100', '2101-01-01T00:00:00Z'],
    ['an offset instead of Z', '2022-04-07T08:00:00+08:00'],
    ['no zone at all', '2022-04-07T08:00:00'],
  ])('refuses %s as an event instant', (_, text) => {
    expect(isoInstant.safeParse(text).success).toBe(false);
  });

  it.each([
    [
      "the issue's end, year 9999 at -12:00, which is year 10000 in UTC",
      '9999-12-31T23:59:59-12:00',
    ],
    ["the issue's start in year 9999", '9999-12-20T00:00:00+08:00'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['2100-12-31 late at -12:00, which is 2101 in UTC', '2100-12-31T23:59:59-12:00'],
    ['2000-01-01 early at +08:00, which is 1999 in UTC', '2000-01-01T07:59:59+08:00'],
  ])("refuses %s as a caller's instant", (_, text) => {
    expect(zonedInstant.safeParse(text).success).toBe(false);
  });

  it("takes a caller's instant with an offset as the Date it names", () => {
    expect(zonedInstant.parse('2000-01-01T08:00:00+08:00')).toEqual(new Date(Date.UTC(2000, 0, 1)));
    expect(zonedInstant.parse('2022-04-07T08:00:00+08:00').toISOString()).toBe(
      '2022-04-07T00:00:00.000Z',
    );
  });

  it('bounds calendar dates the same way', () => {
    expect(isDateInRange('2000-01-01')).toBe(true);
    expect(isDateInRange('2100-12-31')).toBe(true);
    expect(isDateInRange('1999-12-31')).toBe(false);
    expect(isDateInRange('2101-01-01')).toBe(false);
    expect(isDateInRange('0000-01-01')).toBe(false);
    expect(isDateInRange('9999-12-31')).toBe(false);
  });
});

describe('events carry only in-range instants and free text, so a consumer dead-letters the rest', () => {
  const raw = () => JSON.parse(JSON.stringify(samplePassIssued())) as Record<string, unknown>;

  it.each([
    ['occurredAt in year 0000', { occurredAt: '0000-01-01T00:00:00.000Z' }],
    ['occurredAt past 2100', { occurredAt: '2101-01-01T00:00:00.000Z' }],
  ])('refuses an envelope with %s', (_, override) => {
    const parsed = parseTopicEvent(Topic.Pass, { ...raw(), ...override });
    expect(parsed.ok).toBe(false);
  });

  it.each([
    ['validUntil in year 10000', { validUntil: '+010000-01-01T11:59:59.000Z' }],
    ['validFrom in year 9999', { validFrom: '9999-12-19T16:00:00.000Z' }],
    ['an enterprise name with a right-to-left override', { enterpriseName: '物流\u202e司公' }],
    ['a plate with a BEL', { plate: '豫B1234\u0007' }],
  ])('refuses pass.issued data with %s', (_, override) => {
    const event = raw();
    const parsed = parseTopicEvent(Topic.Pass, {
      ...event,
      data: { ...(event.data as object), ...override },
    });
    expect(parsed.ok).toBe(false);
  });
});
