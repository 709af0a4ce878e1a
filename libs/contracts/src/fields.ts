import { CARGO_CATEGORIES } from '@app/domain';
import { z } from 'zod';

/** Field shapes reused by several events, and the text and instant rules every edge shares. */
export const divisionCode = z.string().regex(/^\d{6}$/, 'a six-digit GB/T 2260 division code');
export const kilograms = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const cargoCategory = z.enum(CARGO_CATEGORIES);
export const passNumber = z.string().regex(/^\d{12}$/);
export const creditCode = z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/);

/**
 * Wraps a field's schema so that any failure, a wrong type or a missing value included, reports
 * the field's own stable code rather than a generic one. An inner issue that already carries a
 * code of its own (a forbidden character: TEXT_INVALID) keeps it, so one class of refusal has one
 * code in every service.
 */
export function coded<S extends z.ZodType>(code: string, schema: S, hint: string) {
  const wrapped = z.unknown().transform((value, ctx): z.output<S> => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const own = result.error.issues.find((issue) => ownCode(issue) !== undefined);
    ctx.addIssue({
      code: 'custom',
      message: own ? own.message : hint,
      params: { code: (own && ownCode(own)) ?? code },
    });
    return z.NEVER;
  });
  codedFields.set(wrapped, { code, schema, hint });
  return wrapped;
}

/**
 * What a coded field takes, for its published JSON Schema: the wrapper itself takes anything (so
 * that it can report its own code), which would tell an integrator nothing.
 */
export const codedFields = new WeakMap<
  z.ZodType,
  { code: string; schema: z.ZodType; hint: string }
>();

function ownCode(issue: z.core.$ZodIssue): string | undefined {
  const params = (issue as { params?: { code?: unknown } }).params;
  return typeof params?.code === 'string' ? params.code : undefined;
}

// ---------------------------------------------------------------------------------------------
// Free text

export const TEXT_INVALID = 'TEXT_INVALID';

/**
 * What free text (names, descriptions, reasons) may never hold: C0 and C1 controls and DEL
 * (\p{Cc}: U+0000–001F, U+007F–009F), bidirectional controls that make a name display as
 * something else (U+061C, U+200E/U+200F, U+202A–202E, U+2066–2069), and unpaired surrogates
 * (\p{Cs} in a /u pattern), which are not text at all and break UTF-8 on the way out.
 */
const FORBIDDEN_IN_TEXT = /[\p{Cc}\p{Cs}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

export function isFreeText(text: string): boolean {
  return !FORBIDDEN_IN_TEXT.test(text);
}

/** Free text of at most `max` characters; a forbidden character is refused as TEXT_INVALID. */
export const plainText = (max: number) =>
  z
    .string()
    .max(max)
    .refine(isFreeText, {
      message: 'must not contain control characters, bidirectional controls or unpaired surrogates',
      params: { code: TEXT_INVALID },
    });

/** Free text, trimmed, of `min` to `max` characters. */
export const boundedText = (min: number, max: number) => plainText(max).trim().min(min);

// ---------------------------------------------------------------------------------------------
// Instants

/**
 * The range every instant that enters the system lies in, from any caller: bodies, queries and
 * events. Fields narrow it (a pass starts within days of today; a scan is at most the offline
 * queue's age); nothing is wider. Outside it, years like 0000 or 10000 break PostgreSQL
 * timestamptz and ISO-8601 printing (`+010000-…`), which surfaced as 500s and dead batches.
 */
export const EARLIEST_INSTANT = '2000-01-01T00:00:00.000Z';
export const LATEST_INSTANT = '2100-12-31T23:59:59.999Z';
/** The same range as calendar dates (YYYY-MM-DD), for date queries. */
export const EARLIEST_DATE = EARLIEST_INSTANT.slice(0, 10);
export const LATEST_DATE = LATEST_INSTANT.slice(0, 10);
export const INSTANT_RANGE_HINT = `from ${EARLIEST_DATE} to ${LATEST_DATE} (UTC)`;

const EARLIEST_MS = Date.parse(EARLIEST_INSTANT);
const LATEST_MS = Date.parse(LATEST_INSTANT);

/** False for NaN too, so an invalid Date is never "in range". */
export function isInstantInRange(instant: Date | number): boolean {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return ms >= EARLIEST_MS && ms <= LATEST_MS;
}

/** For a YYYY-MM-DD string already known to be a calendar date: it sorts as text. */
export function isDateInRange(date: string): boolean {
  return date >= EARLIEST_DATE && date <= LATEST_DATE;
}

/** An event's instant: ISO-8601 UTC ("Z"), in range, so a consumer dead-letters anything else. */
export const isoInstant = z.iso
  .datetime({ offset: false })
  .refine((text) => isInstantInRange(Date.parse(text)), `must lie ${INSTANT_RANGE_HINT}`);

/**
 * A caller's date-time: ISO-8601 with a zone (Z or ±hh:mm), as a Date, with no range yet; a
 * field that uses it states its own range (see zonedInstant for the system's).
 */
export const zonedDateTime = z.iso.datetime({ offset: true }).transform((text) => new Date(text));

/** A caller's date-time in the system's instant range. */
export const zonedInstant = zonedDateTime.refine(
  (instant) => isInstantInRange(instant),
  `must lie ${INSTANT_RANGE_HINT}`,
);
